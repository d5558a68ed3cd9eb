import type { Env } from '../../config/env.schema.js';

/**
 * The one line that says what to do about a failure to listen, where one is known; otherwise
 * undefined, and the error is printed whole.
 */
export function describeStartFailure(
  err: unknown,
  env: Pick<Env, 'PORT' | 'HOST'>,
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
    default:
      return undefined;
  }
}
