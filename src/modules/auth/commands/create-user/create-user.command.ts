import { Command } from '@nestjs/cqrs';
import type { UserRole, UserView } from '../../../../common/contracts/users.js';

export class CreateUserCommand extends Command<UserView> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly role: UserRole,
  ) {
    super();
  }
}
