import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { RecordBootNotificationCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class BootNotificationHandler implements Ocpp16ActionHandler<
  OCPP16.BootNotificationRequest,
  OCPP16.BootNotificationResponse
> {
  readonly action = 'BootNotification';
  private readonly interval: number;

  constructor(
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.interval = config.getOrThrow<OcppConfig>('ocpp').heartbeatIntervalS;
  }

  async handle(chargePointId: string, req: OCPP16.BootNotificationRequest) {
    await this.commands.execute(
      new RecordBootNotificationCommand(chargePointId, {
        vendor: req.chargePointVendor,
        model: req.chargePointModel,
        serialNumber: req.chargePointSerialNumber ?? req.chargeBoxSerialNumber,
        firmwareVersion: req.firmwareVersion,
        iccid: req.iccid,
        imsi: req.imsi,
        meterType: req.meterType,
        meterSerialNumber: req.meterSerialNumber,
      }),
    );
    return {
      status: 'Accepted' as const,
      currentTime: new Date().toISOString(),
      interval: this.interval,
    };
  }
}
