// A connector's status, whatever OCPP version reported it: which report is applied, what the
// connector's status becomes, and whether its watchers hear of it. Plain rules, no persistence.

export interface ConnectorStatusState {
  status: string;
  ocppStatus: string | null;
  errorCode: string;
  info: string | null;
  statusAt: Date | null;
  /** the transaction running on it, if any */
  transactionId: number | null;
}

export interface StatusReportFacts {
  /** in OCPP 1.6's words */
  status: string;
  ocppStatus?: string;
  /** the status only says "in use" (2.0.1 Occupied) */
  coarse?: boolean;
  errorCode?: string;
  info?: string;
  vendorErrorCode?: string;
  at: Date;
}

export interface StatusChange {
  next: Omit<ConnectorStatusState, 'transactionId'> & { vendorErrorCode: string | null };
  /** the watchers hear of it (something they see changed, or the connector is new) */
  changed: boolean;
}

export class ConnectorStatus {
  /**
   * What a report makes of a connector (`current` null: the connector is new); null when the
   * report changes nothing: an offline replay older than the status held must not roll it back.
   */
  static applyReport(
    current: ConnectorStatusState | null,
    report: StatusReportFacts,
  ): StatusChange | null {
    if (current?.statusAt && report.at < current.statusAt) return null;
    // "in use" says less than the Charging or SuspendedEV a transaction already reported
    const status =
      report.coarse && current && current.transactionId !== null ? current.status : report.status;
    const next = {
      status,
      ocppStatus: report.ocppStatus ?? null,
      errorCode: report.errorCode ?? 'NoError',
      info: report.info ?? null,
      vendorErrorCode: report.vendorErrorCode ?? null,
      statusAt: report.at,
    };
    const changed =
      current === null ||
      current.status !== next.status ||
      current.ocppStatus !== next.ocppStatus ||
      current.errorCode !== next.errorCode ||
      current.info !== next.info;
    return { next, changed };
  }
}
