import { Command } from '@nestjs/cqrs';

/** FirmwareStatusNotification and DiagnosticsStatusNotification: the charger's last report. */
export class RecordFirmwareStatusCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly kind: 'firmware' | 'diagnostics',
    readonly status: string,
  ) {
    super();
  }
}
