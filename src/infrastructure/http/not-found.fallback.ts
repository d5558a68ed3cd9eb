import type { IncomingMessage, ServerResponse } from 'node:http';

// The last handler of the HTTP stack: what no route took. Outside /api/v1 Express would answer
// an HTML "Cannot GET /x"; clients get the JSON error shape everywhere instead. `GET /` points a
// newcomer to what the server offers (until something, such as a dashboard, serves `/`).
export function notFoundFallback(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0];
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
    res.statusCode = 200;
    res.end(JSON.stringify(WELCOME));
    return;
  }
  res.statusCode = 404;
  res.end(
    JSON.stringify({
      statusCode: 404,
      error: 'Not Found',
      message: `Cannot ${req.method} ${path}: the REST API is under /api/v1, its documentation at /docs`,
    }),
  );
}

const WELCOME = {
  name: 'Voltline',
  docs: '/docs',
  openapi: '/docs-json',
  api: '/api/v1',
  ocpp: '/ocpp/{chargePointId}',
  realtime: '/ws/users',
  health: '/health/ready',
};
