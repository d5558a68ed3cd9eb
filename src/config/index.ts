import { registerAs } from '@nestjs/config';
import { appConfig } from './app.config.js';
import { channelsConfig } from './channels.config.js';
import { databaseConfig } from './database.config.js';
import { validateEnv } from './env.schema.js';
import { jwtConfig } from './jwt.config.js';
import { ocppConfig } from './ocpp.config.js';
import { realtimeConfig } from './realtime.config.js';
import { redisConfig } from './redis.config.js';
import { securityConfig } from './security.config.js';

export type { AppConfig } from './app.config.js';
export type { ChannelsConfig } from './channels.config.js';
export type { DatabaseConfig } from './database.config.js';
export type { JwtConfig } from './jwt.config.js';
export type { OcppConfig } from './ocpp.config.js';
export type { RealtimeConfig } from './realtime.config.js';
export type { RedisConfig } from './redis.config.js';
export type { SecurityConfig, TlsConfig } from './security.config.js';
export { InvalidConfigError, validateEnv } from './env.schema.js';

const areas = {
  app: appConfig,
  channels: channelsConfig,
  database: databaseConfig,
  jwt: jwtConfig,
  ocpp: ocppConfig,
  realtime: realtimeConfig,
  redis: redisConfig,
  security: securityConfig,
};

// Validates the whole environment once, up front, so that a bad value stops the start
// before anything listens, and returns one `registerAs` namespace per area.
export function configNamespaces(raw: Record<string, string | undefined>) {
  const env = validateEnv(raw);
  return Object.entries(areas).map(([name, build]) => registerAs(name, () => build(env)));
}
