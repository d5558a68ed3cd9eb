import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../common/crypto/password-hash.js';
import { databaseConfig } from '../../config/database.config.js';
import { validateEnv } from '../../config/env.schema.js';
import {
  dataSourceOptions,
  initialiseDataSource,
} from '../../infrastructure/database/data-source.factory.js';
import { UserEntity } from '../../modules/auth/persistence/user.entity.js';

export class AdminToolError extends Error {}

/**
 * Recovery of a lost password straight on the database the server uses (DATABASE_URL or
 * SQLITE_PATH, validated as the server does): a new password, the user enabled again, and every
 * token issued before revoked (the token version moves on, as for a reset through the API).
 * Returns the password set (generated when none is given).
 */
export async function resetPassword(
  env: Record<string, string | undefined>,
  username: string,
  password?: string,
): Promise<string> {
  const newPassword = password ?? randomBytes(18).toString('base64url');
  if (newPassword.length < 8) throw new AdminToolError('the new password must be 8+ characters');
  const config = databaseConfig(validateEnv(env));
  const dataSource = await initialiseDataSource({
    ...dataSourceOptions(config),
    entities: [UserEntity],
  });
  try {
    const users = dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ username });
    if (!user) throw new AdminToolError(`there is no user named ${username}`);
    await users.update(
      { id: user.id },
      {
        passwordHash: await hashPassword(newPassword),
        disabled: false,
        tokenVersion: user.tokenVersion + 1,
      },
    );
    return newPassword;
  } finally {
    await dataSource.destroy();
  }
}
