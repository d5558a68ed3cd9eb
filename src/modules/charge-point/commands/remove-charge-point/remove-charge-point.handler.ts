import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointRemoved } from '../../../../common/contracts/charge-points.js';
import { NotFoundError } from '../../../../common/errors/domain-error.js';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { RemoveChargePointCommand } from './remove-charge-point.command.js';

// Its connectors, grants, remembered subscriptions and kept configuration go with it; its
// transactions, meter values and commands stay for accounting, and admins still read them.
// A change of the charger like any other: after whatever it was doing.
@CommandHandler(RemoveChargePointCommand)
export class RemoveChargePointHandler implements ICommandHandler<RemoveChargePointCommand> {
  constructor(
    private readonly chargers: ChargerRepository,
    private readonly events: EventBus,
  ) {}

  async execute({ chargePointId }: RemoveChargePointCommand): Promise<void> {
    await this.chargers.change(chargePointId, async (change) => {
      if (!(await change.remove()))
        throw new NotFoundError(`Charge point ${chargePointId} not found`);
    });
    this.events.publish(new ChargePointRemoved(chargePointId));
  }
}
