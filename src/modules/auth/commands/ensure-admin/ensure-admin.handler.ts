import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hashPassword } from '../../../../common/crypto/password-hash.js';
import { UserStore } from '../../persistence/user.store.js';
import { EnsureAdminCommand } from './ensure-admin.command.js';

// An existing user of that name is left as it is (its password is never reset by a restart).
@CommandHandler(EnsureAdminCommand)
export class EnsureAdminHandler implements ICommandHandler<EnsureAdminCommand> {
  constructor(private readonly users: UserStore) {}

  async execute({ username, password }: EnsureAdminCommand) {
    if (await this.users.findByUsername(username)) return { created: false };
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
