import type { Env } from './env.schema.js';

export const redisConfig = (e: Env) => ({
  url: e.REDIS_URL,
  keyPrefix: e.REDIS_KEY_PREFIX,
  /** a charger's presence key lives this long unless its instance refreshes it */
  presenceTtlS: e.PRESENCE_TTL_S,
});
export type RedisConfig = ReturnType<typeof redisConfig>;
