import type { StatusReport } from '../../charge-point/index.js';

// Contract section 6: users see a connector's status in OCPP 1.6's words whatever the charger
// speaks; the 2.0.1 word goes beside it as ocppStatus.

type StatusWords = Pick<StatusReport, 'status' | 'errorCode' | 'coarse'>;

/** StatusNotification's connectorStatus. Occupied only says "in use": see StatusReport.coarse. */
export function fromConnectorStatus(connectorStatus: string): StatusWords {
  switch (connectorStatus) {
    case 'Occupied':
      return { status: 'Preparing', coarse: true };
    case 'Faulted':
      // 2.0.1 reports the fault itself through NotifyEvent: 1.6's catch-all code stands for it
      return { status: 'Faulted', errorCode: 'OtherError' };
    default: // Available, Reserved, Unavailable: the same words in 1.6
      return { status: connectorStatus };
  }
}

/** A transaction's chargingState while it runs. */
export function fromChargingState(chargingState: string): StatusWords {
  switch (chargingState) {
    case 'EVConnected':
    case 'Idle': // authorised, no EV plugged in yet
      return { status: 'Preparing' };
    default: // Charging, SuspendedEV, SuspendedEVSE: the same words in 1.6
      return { status: chargingState };
  }
}

/**
 * When a transaction ends: Finishing while the EV is still plugged in; with no EV (Idle) the
 * station's StatusNotification (Available) says what comes next.
 */
export function endedChargingState(chargingState: string | undefined): StatusWords | null {
  if (chargingState === undefined || chargingState === 'Idle') return null;
  return { status: 'Finishing' };
}
