import type { Env } from './env.schema.js';

export const appConfig = (e: Env) => ({ port: e.PORT, host: e.HOST, nodeEnv: e.NODE_ENV });
export type AppConfig = ReturnType<typeof appConfig>;
