import { Command } from '@nestjs/cqrs';

/** At start: the admin of ADMIN_USERNAME exists; returns the generated password when it made one. */
export class EnsureAdminCommand extends Command<{ created: boolean; generatedPassword?: string }> {
  constructor(
    readonly username: string,
    readonly password: string | undefined,
  ) {
    super();
  }
}
