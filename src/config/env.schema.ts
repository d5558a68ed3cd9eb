import { z } from 'zod';

// Decimal integers only: `z.coerce.number()` would read ' ' as 0 and '0x50' as 80.
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

// Every variable of contract section 4, plus the few operational knobs we add (documented in
// the README). An empty string counts as unset, as shells and compose files often export them so.
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(3000),
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
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1 to 64 letters, digits or : _ -')
    .default('voltline:'),
  PRESENCE_TTL_S: int(3, 3600).default(30),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_S: int(1, 600).default(20),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 bytes').optional(),
  JWT_TTL_S: int(60, 7 * 86400).default(3600),
  LOGIN_RATE_LIMIT_PER_IP: int(1, 100_000).default(30),
  LOGIN_RATE_LIMIT_PER_USERNAME: int(1, 100_000).default(10),
  ADMIN_USERNAME: z.string().min(1).max(64).default('admin'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  OCPP_HEARTBEAT_INTERVAL_S: int(1, 86400).default(60),
  OCPP_HEARTBEAT_GRACE_S: int(0, 3600).default(30),
  OCPP_ALLOW_UNKNOWN_CHARGERS: bool.default(false),
  OCPP_ACCEPT_UNKNOWN_ID_TAGS: bool.default(false),
  OCPP_CALL_TIMEOUT_S: int(1, 3600).default(30),
  OCPP_CALL_QUEUE_MAX: int(1, 1000).default(10),
  REALTIME_METER_INTERVAL_MS: int(0, 3_600_000).default(1000),
  REALTIME_ALLOWED_ORIGINS: z.string().default(''),
  REALTIME_RESUME_BUFFER: int(0, 100_000).default(200),
  REALTIME_RESUME_WINDOW_S: int(0, 86_400).default(300),
  REALTIME_IDLE_TIMEOUT_S: int(5, 86_400).default(60),
  REALTIME_MAX_MESSAGE_BYTES: int(256, 1_048_576).default(16_384),
  REALTIME_RATE_LIMIT_PER_10S: int(1, 100_000).default(100),
  REALTIME_MAX_SUBSCRIPTIONS: int(1, 100_000).default(200),
  REALTIME_MAX_SESSIONS_PER_USER: int(1, 10_000).default(10),
  REALTIME_SEND_BUFFER_SOFT_BYTES: int(1024, 1_073_741_824).default(262_144),
  REALTIME_SEND_BUFFER_HARD_BYTES: int(1024, 1_073_741_824).default(4_194_304),
  REALTIME_LAG_TIMEOUT_S: int(1, 3600).default(30),

  // --- dashboard (the web page served at /) ---
  /** The built page (`npm run build` puts it in dist/web); relative to the working directory. */
  DASHBOARD_DIR: z.string().min(1).default('dist/web'),

  // --- Other channels for users: Server-Sent Events and MQTT (contract section 8) ---
  /** a comment line every this many seconds keeps proxies from closing a quiet stream */
  REALTIME_SSE_HEARTBEAT_S: int(1, 3600).default(15),
  /** the embedded MQTT broker listens here; unset: no MQTT endpoint */
  MQTT_PORT: int(0, 65_535).optional(),
  /** the address it listens on */
  MQTT_HOST: z.string().default('0.0.0.0'),

  // --- transport security and per-charger limits (contract section 9; docs/security.md) ---
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  TLS_CLIENT_CA_FILE: z.string().min(1).optional(),
  TLS_RELOAD_CHECK_S: int(1, 3600).default(5),
  TRUST_PROXY: bool.default(false),
  OCPP_MAX_MESSAGE_BYTES: int(1024, 16_777_216).default(65_536),
  OCPP_MAX_PENDING_CALLS: int(1, 1000).default(32),
  OCPP_RATE_LIMIT_PER_10S: int(1, 100_000).default(200),
  OCPP_MAX_SAMPLES_PER_MESSAGE: int(1, 100_000).default(1000),
  OCPP_MAX_CONNECTORS: int(1, 1000).default(100),
  OCPP_HANDSHAKE_FAILURES_PER_MIN: int(1, 100_000).default(10),
  REALTIME_ACCESS_RECHECK_S: int(1, 86_400).default(60),
});

export type Env = z.infer<typeof envSchema>;

export class InvalidConfigError extends Error {}

export function validateEnv(raw: Record<string, unknown>): Env {
  // blank counts as unset; other values are taken trimmed
  const cleaned = Object.fromEntries(
    Object.entries(raw)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
