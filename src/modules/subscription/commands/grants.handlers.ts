import { CommandHandler, EventBus, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  ChargePointGrantRevoked,
  GetChargePointOwnershipQuery,
  SubscriptionForgotten,
  SubscriptionRemembered,
} from '../../../common/contracts/access.js';
import { FindUserQuery } from '../../../common/contracts/users.js';
import { InvalidInputError, NotFoundError } from '../../../common/errors/domain-error.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { GrantEntity } from '../persistence/grant.entity.js';
import { UserSubscriptionEntity } from '../persistence/user-subscription.entity.js';
import {
  AddGrantCommand,
  ForgetSubscriptionCommand,
  RemoveGrantCommand,
  RememberSubscriptionCommand,
} from './grants.commands.js';

// Who may call these is decided at the edge (owner or admin for grants, anyone with access for
// subscriptions); these handlers keep the data consistent. Granting again sets the level.

@CommandHandler(AddGrantCommand)
export class AddGrantHandler implements ICommandHandler<AddGrantCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly queries: QueryBus,
  ) {}

  async execute({ chargePointId, userId, level }: AddGrantCommand): Promise<void> {
    if (!(await this.queries.execute(new FindUserQuery(userId)))) {
      throw new InvalidInputError(`userId: there is no user ${userId}`);
    }
    const ownership = await this.queries.execute(new GetChargePointOwnershipQuery(chargePointId));
    if (ownership?.ownerId === userId)
      throw new InvalidInputError('userId: that user owns this charger');
    // one statement, so that two identical requests at once both succeed (a read then an insert
    // let both read "none" and the second insert hit the primary key: a 500)
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(GrantEntity)
        .values({ chargePointId, userId, level })
        .orUpdate(['level'], ['charge_point_id', 'user_id'])
        .execute(),
    );
  }
}

@CommandHandler(RemoveGrantCommand)
export class RemoveGrantHandler implements ICommandHandler<RemoveGrantCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
  ) {}

  async execute({ chargePointId, userId }: RemoveGrantCommand): Promise<void> {
    await this.tx.run(async (m) => {
      const { affected } = await m.delete(GrantEntity, { chargePointId, userId });
      if (!affected) throw new NotFoundError(`User ${userId} has no grant on ${chargePointId}`);
      // the remembered interest would be dead weight: the user may not see the charger any more
      await m.delete(UserSubscriptionEntity, { chargePointId, userId });
    });
    this.events.publish(new ChargePointGrantRevoked(chargePointId, userId));
  }
}

@CommandHandler(RememberSubscriptionCommand)
export class RememberSubscriptionHandler implements ICommandHandler<RememberSubscriptionCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
  ) {}

  async execute({ userId, chargePointId }: RememberSubscriptionCommand): Promise<void> {
    // idempotent in one statement: a second identical request at once is not a 500
    await this.tx.run((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(UserSubscriptionEntity)
        .values({ userId, chargePointId })
        .orIgnore()
        .execute(),
    );
    this.events.publish(new SubscriptionRemembered(userId, chargePointId));
  }
}

@CommandHandler(ForgetSubscriptionCommand)
export class ForgetSubscriptionHandler implements ICommandHandler<ForgetSubscriptionCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
  ) {}

  async execute({ userId, chargePointId }: ForgetSubscriptionCommand): Promise<void> {
    const { affected } = await this.tx.run((m) =>
      m.delete(UserSubscriptionEntity, { userId, chargePointId }),
    );
    if (!affected) throw new NotFoundError(`No subscription to ${chargePointId}`);
    this.events.publish(new SubscriptionForgotten(userId, chargePointId));
  }
}
