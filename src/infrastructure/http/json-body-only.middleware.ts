import type { IncomingMessage, ServerResponse } from 'node:http';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

// Every body the API takes is JSON. Express's JSON parser skips a body of another type (curl -d
// sends it as a form), which then read as "unknown properties" or "missing fields"; name the real
// mistake instead: 415, before any parser runs.
export function jsonBodyOnly(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if (!hasBody || (type && JSON_TYPE.test(type))) return next();
  const message = type
    ? `The body must be JSON (Content-Type: application/json), not ${type.split(';')[0]}`
    : 'The body has no Content-Type: send it as JSON with Content-Type: application/json';
  res.statusCode = 415;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: 415, error: 'Unsupported Media Type', message }));
}
