import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { RecordBootNotificationCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

@Injectable()
export class BootNotification201Handler implements Ocpp201ActionHandler<
  OCPP20.BootNotificationRequest,
  OCPP20.BootNotificationResponse
> {
  readonly action = 'BootNotification';
  private readonly interval: number;

  constructor(
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.interval = config.getOrThrow<OcppConfig>('ocpp').heartbeatIntervalS;
  }

  async handle(chargePointId: string, { chargingStation: cs }: OCPP20.BootNotificationRequest) {
    await this.commands.execute(
      new RecordBootNotificationCommand(chargePointId, {
        vendor: cs.vendorName,
        model: cs.model,
        serialNumber: cs.serialNumber,
        firmwareVersion: cs.firmwareVersion,
        iccid: cs.modem?.iccid,
        imsi: cs.modem?.imsi,
      }),
    );
    return {
      status: 'Accepted' as const,
      currentTime: new Date().toISOString(),
      interval: this.interval,
    };
  }
}
