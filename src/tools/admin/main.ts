import 'reflect-metadata';
import { AdminToolError, resetPassword } from './reset-password.js';

// `npm run admin -- reset-password [username] [--password-stdin]` (and its short form
// `npm run reset-admin-password`): see the README (lost admin password). It reads the server's
// configuration from the environment.

const USAGE = `usage: npm run admin -- reset-password [username] [--password-stdin]

Sets a new password for <username> (default: ADMIN_USERNAME, or admin) on the database of
DATABASE_URL (PostgreSQL) or SQLITE_PATH (default data/csms.sqlite), enables the user and revokes
every token issued before. The new password is read from stdin with --password-stdin, else it is
ADMIN_PASSWORD when set (to apply a changed ADMIN_PASSWORD), else generated and printed once.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString()
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = rest.filter((a) => a.startsWith('-'));
  const names = rest.filter((a) => !a.startsWith('-'));
  const unknown = flags.filter((f) => f !== '--password-stdin');
  if (command !== 'reset-password' || names.length > 1 || unknown.length) {
    console.error(USAGE);
    return 2;
  }
  const username = names[0] ?? (process.env.ADMIN_USERNAME || 'admin');
  const given = flags.includes('--password-stdin')
    ? await readStdin()
    : process.env.ADMIN_PASSWORD || undefined;
  const password = await resetPassword(process.env, username, given);
  console.log(
    given
      ? `The password of ${username} was changed; every older token of it is revoked.`
      : `The new password of ${username} (shown once): ${password}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof AdminToolError ? err.message : err);
    process.exit(1);
  },
);
