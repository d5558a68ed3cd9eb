import { Command } from '@nestjs/cqrs';

export interface BootInfo {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
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
