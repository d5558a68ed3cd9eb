import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { RecordHeartbeatCommand } from './record-heartbeat.command.js';

// A heartbeat changes nothing a user watches but lastSeenAt: no event, no transaction needed.
@CommandHandler(RecordHeartbeatCommand)
export class RecordHeartbeatHandler implements ICommandHandler<RecordHeartbeatCommand> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute({ chargePointId, at }: RecordHeartbeatCommand): Promise<void> {
    await this.chargePoints.update(chargePointId, { lastSeenAt: at });
  }
}
