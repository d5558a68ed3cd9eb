import type { Env } from './env.schema.js';

export const redisConfig = (e: Env) => ({ url: e.REDIS_URL });
export type RedisConfig = ReturnType<typeof redisConfig>;
