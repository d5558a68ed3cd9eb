import type { IncomingMessage } from 'node:http';

/** The JWT of a realtime request: `Authorization: Bearer ...`, or the `access_token` query. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const header = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  if (header) return header[1];
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('access_token');
  return query ?? undefined;
}
