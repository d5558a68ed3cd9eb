import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { UserTokensRevoked } from '../../../../common/contracts/users.js';
import { hashPassword, verifyPassword } from '../../../../common/crypto/password-hash.js';
import { InvalidInputError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { UserStore } from '../../persistence/user.store.js';
import { ChangePasswordCommand } from './change-password.command.js';

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly users: UserStore,
    private readonly events: EventBus,
  ) {}

  async execute({ userId, newPassword, currentPassword }: ChangePasswordCommand): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError(`User ${userId} not found`);
    // a 400, not a 401: the caller's token is fine, one field of the body is wrong
    if (
      currentPassword !== undefined &&
      !(await verifyPassword(currentPassword, user.passwordHash))
    )
      throw new InvalidInputError('currentPassword is not the current password');
    await this.users.setPasswordHash(userId, await hashPassword(newPassword));
    const version = await this.users.revokeTokens(userId);
    if (version !== null) this.events.publish(new UserTokensRevoked(userId, version));
  }
}
