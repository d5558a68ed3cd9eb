import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { RecordHeartbeatCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

@Injectable()
export class Heartbeat201Handler implements Ocpp201ActionHandler<
  OCPP20.HeartbeatRequest,
  OCPP20.HeartbeatResponse
> {
  readonly action = 'Heartbeat';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string) {
    const now = new Date();
    await this.commands.execute(new RecordHeartbeatCommand(chargePointId, now));
    return { currentTime: now.toISOString() };
  }
}
