import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { databaseConfig } from '../../config/database.config.js';
import { InvalidConfigError, validateEnv } from '../../config/env.schema.js';
import { hashPassword } from '../../common/crypto/password-hash.js';
import {
  dataSourceOptions,
  initialiseDataSource,
} from '../../infrastructure/database/data-source.factory.js';
import { UserEntity } from '../../modules/auth/persistence/user.entity.js';

// `npm run reset-admin-password [-- USERNAME]`: the way back in when the admin's password is
// lost, or to apply a new ADMIN_PASSWORD (which only sets the password when the admin is
// created). It writes to the database the server uses (the same DATABASE_URL / SQLITE_PATH),
// and may run while the server does. The password is ADMIN_PASSWORD, or a generated one, printed.

async function main(): Promise<number> {
  const env = validateEnv(process.env);
  const username = process.argv[2] ?? env.ADMIN_USERNAME;
  const password = env.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
  const dataSource = await initialiseDataSource({
    ...dataSourceOptions(databaseConfig(env)),
    entities: [UserEntity],
  });
  try {
    const users = dataSource.getRepository(UserEntity);
    const user = await users.findOneBy({ username });
    if (!user) {
      console.error(
        `There is no user "${username}" in ${describe(env)}. ` +
          'The admin is created at the first start of the server (ADMIN_USERNAME).',
      );
      return 1;
    }
    await users.update({ id: user.id }, { passwordHash: await hashPassword(password) });
    process.stdout.write(
      env.ADMIN_PASSWORD
        ? `The password of "${username}" is now the one in ADMIN_PASSWORD.\n`
        : `The password of "${username}" is now:\n\n    ${password}\n\n` +
            'It is shown this once. Set ADMIN_PASSWORD to choose it instead.\n',
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

function describe(env: ReturnType<typeof validateEnv>): string {
  return env.DATABASE_URL ? 'the PostgreSQL database of DATABASE_URL' : env.SQLITE_PATH;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof InvalidConfigError ? err.message : err);
    process.exit(1);
  },
);
