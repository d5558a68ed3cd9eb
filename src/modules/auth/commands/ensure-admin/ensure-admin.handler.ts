import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hashPassword, verifyPassword } from '../../../../common/crypto/password-hash.js';
import { UserStore } from '../../persistence/user.store.js';
import { EnsureAdminCommand } from './ensure-admin.command.js';

// An existing user of that name is left as it is (its password is never reset by a restart);
// the answer says when the ADMIN_PASSWORD given differs from the password it has, so that the
// start can say it was not applied.
@CommandHandler(EnsureAdminCommand)
export class EnsureAdminHandler implements ICommandHandler<EnsureAdminCommand> {
  constructor(private readonly users: UserStore) {}

  async execute({ username, password }: EnsureAdminCommand) {
    const existing = await this.users.findByUsername(username);
    if (existing) {
      const ignored = !!password && !(await verifyPassword(password, existing.passwordHash));
      return { created: false, passwordIgnored: ignored };
    }
    const generatedPassword = password ? undefined : randomBytes(18).toString('base64url');
    const created = await this.users.insert({
      id: randomUUID(),
      username,
      role: 'admin',
      passwordHash: await hashPassword(password ?? (generatedPassword as string)),
    });
    return created ? { created, generatedPassword } : { created: false };
  }
}
