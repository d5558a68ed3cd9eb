import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { RecordStatusNotificationCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';
import { fromConnectorStatus } from './status-words.js';

// The EVSE is the users' connector (contract section 6): its id is the connectorId they see.
@Injectable()
export class StatusNotification201Handler implements Ocpp201ActionHandler<
  OCPP20.StatusNotificationRequest,
  OCPP20.StatusNotificationResponse
> {
  readonly action = 'StatusNotification';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP20.StatusNotificationRequest) {
    await this.commands.execute(
      new RecordStatusNotificationCommand(chargePointId, {
        connectorId: req.evseId,
        ...fromConnectorStatus(req.connectorStatus),
        ocppStatus: req.connectorStatus,
        timestamp: req.timestamp,
      }),
    );
    return {};
  }
}
