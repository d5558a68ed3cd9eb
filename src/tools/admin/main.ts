import 'reflect-metadata';
import { AdminToolError, resetPassword } from './reset-password.js';

// `npm run admin -- reset-password <username> [--password-stdin]`: see the README (lost admin
// password). It reads the server's configuration from the environment.

const USAGE = `usage: npm run admin -- reset-password <username> [--password-stdin]

Sets a new password for <username> on the database of DATABASE_URL (PostgreSQL) or SQLITE_PATH
(default data/csms.sqlite), enables the user and revokes every token issued before. The new
password is generated and printed once, or read from stdin with --password-stdin.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString()
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, username, ...flags] = argv;
  const unknown = flags.filter((f) => f !== '--password-stdin');
  if (command !== 'reset-password' || !username || username.startsWith('-') || unknown.length) {
    console.error(USAGE);
    return 2;
  }
  const given = flags.includes('--password-stdin') ? await readStdin() : undefined;
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
