import { Command } from '@nestjs/cqrs';

/** What a charger says of itself at boot, whatever its OCPP version (each edge maps into it). */
export interface BootInfo {
  vendor: string;
  model: string;
  serialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

export class RecordBootNotificationCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly boot: BootInfo,
  ) {
    super();
  }
}
