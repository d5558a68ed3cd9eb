import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { RecordHeartbeatCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class HeartbeatHandler implements Ocpp16ActionHandler<
  OCPP16.HeartbeatRequest,
  OCPP16.HeartbeatResponse
> {
  readonly action = 'Heartbeat';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string) {
    const now = new Date();
    await this.commands.execute(new RecordHeartbeatCommand(chargePointId, now));
    return { currentTime: now.toISOString() };
  }
}
