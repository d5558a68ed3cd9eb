import { CommandHandler, EventBus, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { ChargePointGrantRevoked } from '../../../../common/contracts/access.js';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import { hashPassword } from '../../../../common/crypto/password-hash.js';
import { InvalidInputError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { UpdateChargePointCommand } from './update-charge-point.command.js';

// A new password applies from the charger's next connection (the open one authenticated
// already); set it on the charger first (ChangeConfiguration AuthorizationKey).
@CommandHandler(UpdateChargePointCommand)
export class UpdateChargePointHandler implements ICommandHandler<UpdateChargePointCommand> {
  constructor(
    private readonly chargers: ChargerRepository,
    private readonly queries: QueryBus,
    private readonly events: EventBus,
  ) {}

  async execute({ chargePointId, changes }: UpdateChargePointCommand): Promise<void> {
    const { ownerId, password } = changes;
    if (ownerId === undefined && password === undefined)
      throw new InvalidInputError('Give at least one of ownerId, password');
    if (ownerId && !(await this.queries.execute(new FindUserQuery(ownerId))))
      throw new InvalidInputError(`ownerId: there is no user ${ownerId}`);
    const passwordHash = password ? await hashPassword(password) : undefined;
    const previousOwner = await this.chargers.change(chargePointId, async (change) => {
      const ownership = await change.loadOwnership();
      if (!ownership) throw new NotFoundError(`Charge point ${chargePointId} not found`);
      if (ownerId !== undefined) await change.changeOwner(ownerId);
      if (passwordHash) await change.changePassword(passwordHash);
      return ownership.ownerId;
    });
    // the former owner's live subscriptions end at once, as for a grant taken back
    if (previousOwner && ownerId !== undefined && previousOwner !== ownerId)
      this.events.publish(new ChargePointGrantRevoked(chargePointId, previousOwner));
  }
}
