import type { Env } from '../../config/env.schema.js';

/**
 * The one line that says what to do about a failure to start, where the cause is a known one
 * (the port, the database); otherwise undefined, and the error is printed whole.
 */
export function describeStartFailure(
  err: unknown,
  env: Pick<Env, 'PORT' | 'HOST' | 'DATABASE_URL'>,
): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${env.HOST}:${env.PORT}`;
  switch (code) {
    case 'EADDRINUSE':
      return (
        `Cannot listen on ${where}: the port is in use (another Voltline?). Stop that process, ` +
        `or start on another port: PORT=${env.PORT === 65535 ? 3001 : env.PORT + 1} npm start`
      );
    case 'EACCES':
      return `Cannot listen on ${where}: not allowed (ports below 1024 need privileges). Choose another PORT`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${where}: this machine has no such address. Check HOST (0.0.0.0: every interface)`;
  }
  if (!env.DATABASE_URL) return undefined;
  const db = new URL(env.DATABASE_URL);
  const server = `${db.hostname}:${db.port || 5432}`;
  const name = decodeURIComponent(db.pathname.slice(1));
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `Cannot reach PostgreSQL at ${server} (DATABASE_URL): is it running, and is the address right?`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${server} refused the user "${decodeURIComponent(db.username)}" of DATABASE_URL: check the user and password (or PGPASSWORD)`;
    case '3D000':
      return `PostgreSQL at ${server} has no database "${name}": create it (createdb ${name}) or fix DATABASE_URL`;
    default:
      return undefined;
  }
}
