import { Command } from '@nestjs/cqrs';

/**
 * A new password for a user: their own (with `currentPassword`), or an admin's reset (without).
 * Every token issued before is revoked.
 */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly newPassword: string,
    readonly currentPassword?: string,
  ) {
    super();
  }
}
