import { Command } from '@nestjs/cqrs';

/**
 * At start: the admin of ADMIN_USERNAME exists; returns the generated password when it made one,
 * and `passwordIgnored` when the admin existed with another password than the one given.
 */
export class EnsureAdminCommand extends Command<{
  created: boolean;
  generatedPassword?: string;
  passwordIgnored?: boolean;
}> {
  constructor(
    readonly username: string,
    readonly password: string | undefined,
  ) {
    super();
  }
}
