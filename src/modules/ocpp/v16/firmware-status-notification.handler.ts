import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { RecordFirmwareStatusCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class FirmwareStatusNotificationHandler implements Ocpp16ActionHandler<
  OCPP16.FirmwareStatusNotificationRequest,
  object
> {
  readonly action = 'FirmwareStatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP16.FirmwareStatusNotificationRequest) {
    await this.commands.execute(
      new RecordFirmwareStatusCommand(chargePointId, 'firmware', req.status),
    );
    return {};
  }
}

@Injectable()
export class DiagnosticsStatusNotificationHandler implements Ocpp16ActionHandler<
  OCPP16.DiagnosticsStatusNotificationRequest,
  object
> {
  readonly action = 'DiagnosticsStatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP16.DiagnosticsStatusNotificationRequest) {
    await this.commands.execute(
      new RecordFirmwareStatusCommand(chargePointId, 'diagnostics', req.status),
    );
    return {};
  }
}
