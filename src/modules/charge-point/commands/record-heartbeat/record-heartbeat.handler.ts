import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { RecordHeartbeatCommand } from './record-heartbeat.command.js';

// A heartbeat changes nothing a user watches but lastSeenAt: no event, no transaction needed.
@CommandHandler(RecordHeartbeatCommand)
export class RecordHeartbeatHandler implements ICommandHandler<RecordHeartbeatCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({ chargePointId, at }: RecordHeartbeatCommand): Promise<void> {
    await this.chargers.recordSeen(chargePointId, at);
  }
}
