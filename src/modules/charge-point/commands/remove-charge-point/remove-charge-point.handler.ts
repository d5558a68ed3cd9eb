import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointRemoved } from '../../../../common/contracts/charge-points.js';
import { NotFoundError } from '../../../../common/errors/domain-error.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { RemoveChargePointCommand } from './remove-charge-point.command.js';

// The row goes, and with it (foreign keys) its connectors, grants, remembered subscriptions and
// kept configuration. Transactions, meter values and commands reference no charger row: they
// stay for accounting, and admins still read them. Run as the charger's unit of work, after
// whatever it was doing, and its memo is dropped with it.
@CommandHandler(RemoveChargePointCommand)
export class RemoveChargePointHandler implements ICommandHandler<RemoveChargePointCommand> {
  constructor(
    private readonly uow: ChargePointUnitOfWork,
    private readonly events: EventBus,
  ) {}

  async execute({ chargePointId }: RemoveChargePointCommand): Promise<void> {
    await this.uow.run(chargePointId, async (m) => {
      const { affected } = await m.delete(ChargePointEntity, { id: chargePointId });
      if (!affected) throw new NotFoundError(`Charge point ${chargePointId} not found`);
    });
    this.events.publish(new ChargePointRemoved(chargePointId));
  }
}
