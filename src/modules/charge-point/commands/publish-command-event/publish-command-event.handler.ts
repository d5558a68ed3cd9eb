import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PublishCommandEventCommand } from '../../../../common/contracts/charger-commands.js';
import { ChargerRepository } from '../../domain/charger-repository.js';

// A command's lifecycle is part of the charger's stream: its events are numbered like any other
// and reach the charger's watchers in order.
@CommandHandler(PublishCommandEventCommand)
export class PublishCommandEventHandler implements ICommandHandler<PublishCommandEventCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({ chargePointId, name, data }: PublishCommandEventCommand): Promise<void> {
    await this.chargers.publish(chargePointId, name, data);
  }
}
