import { Command } from '@nestjs/cqrs';

export interface StatusReport {
  connectorId: number;
  status: string;
  errorCode: string;
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
