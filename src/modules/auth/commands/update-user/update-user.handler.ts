import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { UserTokensRevoked } from '../../../../common/contracts/users.js';
import { ConflictError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { UserStore } from '../../persistence/user.store.js';
import { toUserDetails } from '../../queries/list-users/user-details.js';
import { UpdateUserCommand } from './update-user.command.js';

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  constructor(
    private readonly users: UserStore,
    private readonly events: EventBus,
  ) {}

  async execute({ actorId, userId, changes }: UpdateUserCommand) {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError(`User ${userId} not found`);
    // an admin cannot lock themselves out (nor the installation with them)
    if (userId === actorId && (changes.disabled === true || changes.role === 'user'))
      throw new ConflictError('An admin cannot disable or demote themselves');
    if (changes.role !== undefined && changes.role !== user.role)
      await this.users.setRole(userId, changes.role);
    if (changes.disabled !== undefined && changes.disabled !== user.disabled) {
      await this.users.setDisabled(userId, changes.disabled);
      if (changes.disabled) {
        const version = await this.users.revokeTokens(userId);
        if (version !== null) this.events.publish(new UserTokensRevoked(userId, version));
      }
    }
    return toUserDetails((await this.users.findById(userId)) ?? user);
  }
}
