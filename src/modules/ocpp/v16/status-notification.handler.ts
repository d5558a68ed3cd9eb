import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { RecordStatusNotificationCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class StatusNotificationHandler implements Ocpp16ActionHandler<
  OCPP16.StatusNotificationRequest,
  OCPP16.StatusNotificationResponse
> {
  readonly action = 'StatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP16.StatusNotificationRequest) {
    await this.commands.execute(new RecordStatusNotificationCommand(chargePointId, req));
    return {};
  }
}
