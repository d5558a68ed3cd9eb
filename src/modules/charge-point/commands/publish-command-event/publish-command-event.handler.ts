import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PublishCommandEventCommand } from '../../../../common/contracts/charger-commands.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';

// A command's lifecycle is part of the charger's stream: its events are numbered like any other
// (the unit of work stamps the seq) and reach the charger's watchers in order.
@CommandHandler(PublishCommandEventCommand)
export class PublishCommandEventHandler implements ICommandHandler<PublishCommandEventCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, name, data }: PublishCommandEventCommand): Promise<void> {
    await this.uow.run(chargePointId, async (_m, emit) => emit(name, data as never), {
      keepsMemo: true,
    });
  }
}
