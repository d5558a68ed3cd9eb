import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DASHBOARD_HEADERS } from './content-security-policy.js';

const logger = new Logger('Dashboard');

/**
 * Serves the built dashboard (a static single-page app) at `/`, each response under the strict
 * Content-Security-Policy. The page is public like any web app's shell: it holds no secret and
 * every call it makes carries the user's token. Routes live in the URL's hash, so `/` and the
 * hashed assets are all there is to serve; any other path falls through to the API's 404.
 */
export function serveDashboard(app: NestExpressApplication, dir: string): boolean {
  if (!existsSync(join(dir, 'index.html'))) {
    logger.warn(
      `no dashboard at ${dir} (run npm run build, or set DASHBOARD_DIR): / is not served`,
    );
    return false;
  }
  app.useStaticAssets(dir, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (res: ServerResponse, path: string) => {
      for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) res.setHeader(name, value);
      // assets carry a content hash in their name: cache them for good; the page never
      res.setHeader(
        'Cache-Control',
        basename(path) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
  return true;
}
