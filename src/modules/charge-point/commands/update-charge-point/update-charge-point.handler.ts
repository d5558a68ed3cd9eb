import { CommandHandler, EventBus, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { ChargePointGrantRevoked } from '../../../../common/contracts/access.js';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import { hashPassword } from '../../../../common/crypto/password-hash.js';
import { InvalidInputError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { UpdateChargePointCommand } from './update-charge-point.command.js';

// A new password applies from the charger's next connection (the open one authenticated
// already); set it on the charger first (ChangeConfiguration AuthorizationKey).
@CommandHandler(UpdateChargePointCommand)
export class UpdateChargePointHandler implements ICommandHandler<UpdateChargePointCommand> {
  constructor(
    private readonly uow: ChargePointUnitOfWork,
    private readonly queries: QueryBus,
    private readonly events: EventBus,
  ) {}

  async execute({ chargePointId, changes }: UpdateChargePointCommand): Promise<void> {
    if (changes.ownerId === undefined && changes.password === undefined)
      throw new InvalidInputError('Give at least one of ownerId, password');
    if (changes.ownerId && !(await this.queries.execute(new FindUserQuery(changes.ownerId))))
      throw new InvalidInputError(`ownerId: there is no user ${changes.ownerId}`);
    const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
    const previousOwner = await this.uow.run(chargePointId, async (m) => {
      const cp = await m.findOne(ChargePointEntity, {
        where: { id: chargePointId },
        select: { id: true, ownerId: true },
      });
      if (!cp) throw new NotFoundError(`Charge point ${chargePointId} not found`);
      await m.update(
        ChargePointEntity,
        { id: chargePointId },
        {
          ...(changes.ownerId !== undefined ? { ownerId: changes.ownerId } : {}),
          ...(passwordHash ? { passwordHash } : {}),
        },
      );
      return cp.ownerId;
    });
    // the former owner's live subscriptions end at once, as for a grant taken back
    if (previousOwner && changes.ownerId !== undefined && previousOwner !== changes.ownerId)
      this.events.publish(new ChargePointGrantRevoked(chargePointId, previousOwner));
  }
}
