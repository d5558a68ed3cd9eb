import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { RecordFirmwareStatusCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

@Injectable()
export class FirmwareStatusNotification201Handler implements Ocpp201ActionHandler<
  OCPP20.FirmwareStatusNotificationRequest,
  OCPP20.FirmwareStatusNotificationResponse
> {
  readonly action = 'FirmwareStatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP20.FirmwareStatusNotificationRequest) {
    await this.commands.execute(
      new RecordFirmwareStatusCommand(chargePointId, 'firmware', req.status),
    );
    return {};
  }
}

// 2.0.1's log upload is what 1.6 called diagnostics: its status is kept in the same place.
@Injectable()
export class LogStatusNotification201Handler implements Ocpp201ActionHandler<
  OCPP20.LogStatusNotificationRequest,
  OCPP20.LogStatusNotificationResponse
> {
  readonly action = 'LogStatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP20.LogStatusNotificationRequest) {
    await this.commands.execute(
      new RecordFirmwareStatusCommand(chargePointId, 'diagnostics', req.status),
    );
    return {};
  }
}
