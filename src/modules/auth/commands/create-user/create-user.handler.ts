import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UserView } from '../../../../common/contracts/users.js';
import { hashPassword } from '../../../../common/crypto/password-hash.js';
import { ConflictError } from '../../../../common/errors/domain-error.js';
import { UserStore } from '../../persistence/user.store.js';
import { CreateUserCommand } from './create-user.command.js';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(private readonly users: UserStore) {}

  async execute({ username, password, role }: CreateUserCommand): Promise<UserView> {
    const id = randomUUID();
    const passwordHash = await hashPassword(password);
    if (!(await this.users.insert({ id, username, passwordHash, role }))) {
      throw new ConflictError(`A user named ${username} exists already`);
    }
    return { id, username, role };
  }
}
