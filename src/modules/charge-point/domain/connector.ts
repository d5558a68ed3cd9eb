import type { ConnectorStaticData } from '../../../common/contracts/charge-point-events.js';
import type { ConnectorStatusState } from './connector-status.js';
import type { MeterReading } from './meter-values.js';
import type { TransactionState } from './transaction.js';
import { TransactionEnergy } from './transaction-energy.js';

// A connector (an EVSE in OCPP 2.0.1) and its live meter values, whatever version reported them.
// Its status rules are ConnectorStatus's; these are the rules of its live reading. Plain rules.

/** Connector 0 is the whole station (its status, its main meter), not a connector users see. */
export const STATION = 0;

export interface LiveMeter {
  powerW: number;
  energyWh: number | null;
  currentA: number | null;
  voltageV: number | null;
  socPercent: number | null;
  meterAt: Date | null;
}

/** A connector's static data: what the operator (or the charger's own report) configures. */
export type ConnectorConfiguration = Omit<ConnectorStaticData, 'connectorId'>;

/** A connector as the repository hands it over. */
export interface ConnectorState extends ConnectorStatusState, LiveMeter, ConnectorConfiguration {
  chargePointId: string;
  connectorId: number;
}

/** The newest reading of a MeterValues (or of a transaction's data). */
export interface LatestReading {
  sampledAt: Date;
  reading: MeterReading;
}

export class Connector {
  /**
   * A connector's static data once configured: the operator's word over the charger's, so that
   * the charger's report (OCPP 2.0.1 NotifyReport) fills only what is unset. Null when the
   * charger's report changes nothing.
   */
  static configure(
    current: ConnectorConfiguration,
    changes: Partial<ConnectorConfiguration>,
    source: 'operator' | 'charger',
  ): ConnectorConfiguration | null {
    const [first, then] = source === 'charger' ? [current, changes] : [changes, current];
    const next = {
      type: first.type ?? then.type ?? null,
      maxPowerW: first.maxPowerW ?? then.maxPowerW ?? null,
      maxCurrentA: first.maxCurrentA ?? then.maxCurrentA ?? null,
    };
    const same =
      next.type === current.type &&
      next.maxPowerW === current.maxPowerW &&
      next.maxCurrentA === current.maxCurrentA;
    return same && source === 'charger' ? null : next;
  }

  /**
   * The live values a reading makes of a connector; null when it changes nothing: an offline
   * replay older than what the connector shows is stored but does not roll it back. The energy
   * is the running transaction's (from its start); power and the rest keep their last value when
   * the reading does not say.
   */
  static applyReading(
    current: LiveMeter,
    latest: LatestReading,
    transaction: Pick<TransactionState, 'meterStartWh' | 'stoppedAt'> | null,
  ): LiveMeter | null {
    if (current.meterAt && latest.sampledAt < current.meterAt) return null;
    const r = latest.reading;
    const live = transaction !== null && !transaction.stoppedAt;
    const energyWh =
      live && r.energyRegisterWh !== undefined
        ? new TransactionEnergy(transaction.meterStartWh).at(r.energyRegisterWh)
        : current.energyWh;
    return {
      powerW: r.powerW ?? current.powerW,
      energyWh: energyWh ?? null,
      currentA: r.currentA ?? current.currentA,
      voltageV: r.voltageV ?? current.voltageV,
      socPercent: r.socPercent ?? current.socPercent,
      meterAt: latest.sampledAt,
    };
  }

  /** What a connector shows once a transaction starts on it. */
  static started(
    transactionId: number,
  ): Pick<ConnectorState, 'transactionId' | 'energyWh' | 'powerW'> {
    return { transactionId, energyWh: 0, powerW: 0 };
  }

  /** What a connector shows once its transaction stops: free again. */
  static freed(): Pick<ConnectorState, 'transactionId' | 'energyWh' | 'powerW'> {
    return { transactionId: null, powerW: 0, energyWh: null };
  }
}
