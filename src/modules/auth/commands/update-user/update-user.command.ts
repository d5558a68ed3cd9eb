import { Command } from '@nestjs/cqrs';
import type { UserRole } from '../../../../common/contracts/users.js';
import type { UserDetails } from '../../queries/list-users/user-details.js';

/** An admin changes a user's role or disables / enables them. */
export class UpdateUserCommand extends Command<UserDetails> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
    readonly changes: { role?: UserRole; disabled?: boolean },
  ) {
    super();
  }
}
