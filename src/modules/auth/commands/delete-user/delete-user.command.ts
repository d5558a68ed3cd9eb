import { Command } from '@nestjs/cqrs';

/** An admin deletes a user; refused while the user owns chargers. */
export class DeleteUserCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
  ) {
    super();
  }
}
