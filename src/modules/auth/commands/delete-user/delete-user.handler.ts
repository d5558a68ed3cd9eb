import { CommandHandler, EventBus, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { ListOwnedChargePointIdsQuery } from '../../../../common/contracts/access.js';
import { UserTokensRevoked } from '../../../../common/contracts/users.js';
import { ConflictError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { UserStore } from '../../persistence/user.store.js';
import { DeleteUserCommand } from './delete-user.command.js';

// Grants, remembered subscriptions and id tags go with the user (foreign keys); chargers do not:
// their owner must be changed first, so that no charger is left to nobody by accident.
@CommandHandler(DeleteUserCommand)
export class DeleteUserHandler implements ICommandHandler<DeleteUserCommand> {
  constructor(
    private readonly users: UserStore,
    private readonly queries: QueryBus,
    private readonly events: EventBus,
  ) {}

  async execute({ actorId, userId }: DeleteUserCommand): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError(`User ${userId} not found`);
    if (userId === actorId) throw new ConflictError('An admin cannot delete themselves');
    const owned = await this.queries.execute(new ListOwnedChargePointIdsQuery(userId));
    if (owned.length > 0) {
      throw new ConflictError(
        `User ${user.username} owns ${owned.length} charger(s): change their owner first`,
        { chargePoints: owned.slice(0, 10).join(',') },
      );
    }
    await this.users.delete(userId);
    // the row is gone, so every token fails already; the live sessions are closed too
    this.events.publish(new UserTokensRevoked(userId, user.tokenVersion + 1));
  }
}
