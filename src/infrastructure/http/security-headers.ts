import type { IncomingMessage, ServerResponse } from 'node:http';

// Headers every HTTP answer carries: no MIME sniffing, no framing (clickjacking), no referrer
// leaving the site, and over TLS, HTTPS only from then on (HSTS). Express's X-Powered-By is
// turned off where the app is made (bootstrap). No Content-Security-Policy here: the dashboard
// sets its own strict one, and Swagger UI at /docs needs its inline scripts.
export function securityHeaders(tls: boolean) {
  return (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (tls) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
