import { Command } from '@nestjs/cqrs';

/** A connector's (or, as connector 0, the station's) status, whatever the charger's version. */
export interface StatusReport {
  connectorId: number;
  /** in OCPP 1.6's words (Available, Preparing, Charging, ..., Faulted) */
  status: string;
  /** the charger's own word where it is not the 1.6 one (OCPP 2.0.1: Occupied, EVConnected...) */
  ocppStatus?: string;
  /**
   * The status only says the connector is in use (2.0.1 Occupied): a connector in a
   * transaction keeps the finer status it has.
   */
  coarse?: boolean;
  /** OCPP 1.6's ErrorCode; NoError when the version reports none */
  errorCode?: string;
  info?: string;
  vendorErrorCode?: string;
  timestamp?: string;
}

export class RecordStatusNotificationCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly report: StatusReport,
  ) {
    super();
  }
}
