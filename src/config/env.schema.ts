import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

// Every variable of contract section 4, plus the few operational knobs we add (documented in
// the README). An empty string counts as unset, as shells and compose files often export them so.
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  SQLITE_PATH: z.string().min(1).default('data/csms.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 bytes').optional(),
  ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  OCPP_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(1).max(86400).default(60),
  OCPP_HEARTBEAT_GRACE_S: z.coerce.number().int().min(0).max(3600).default(30),
  OCPP_ALLOW_UNKNOWN_CHARGERS: bool.default(false),
  OCPP_ACCEPT_UNKNOWN_ID_TAGS: bool.default(true),
  REALTIME_METER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
});

export type Env = z.infer<typeof envSchema>;

export class InvalidConfigError extends Error {}

export function validateEnv(raw: Record<string, unknown>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
