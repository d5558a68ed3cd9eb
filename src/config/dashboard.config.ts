import { resolve } from 'node:path';
import type { Env } from './env.schema.js';

export const dashboardConfig = (e: Env) => ({
  /** Where the built dashboard lives; served at / when it holds an index.html. */
  dir: resolve(e.DASHBOARD_DIR),
});
export type DashboardConfig = ReturnType<typeof dashboardConfig>;
