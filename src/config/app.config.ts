import type { Env } from './env.schema.js';

export const appConfig = (e: Env) => ({
  port: e.PORT,
  host: e.HOST,
  nodeEnv: e.NODE_ENV,
  metricsToken: e.METRICS_TOKEN,
  shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_S * 1000,
  /** JSON lines in production, readable lines on a terminal */
  logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  logLevel: e.LOG_LEVEL,
});
export type AppConfig = ReturnType<typeof appConfig>;
