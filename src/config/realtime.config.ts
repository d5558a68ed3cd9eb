import type { Env } from './env.schema.js';

export const realtimeConfig = (e: Env) => ({
  meterIntervalMs: e.REALTIME_METER_INTERVAL_MS,
  /** empty: every Origin (native apps send none) */
  allowedOrigins: e.REALTIME_ALLOWED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  resumeBuffer: e.REALTIME_RESUME_BUFFER,
  resumeWindowMs: e.REALTIME_RESUME_WINDOW_S * 1000,
  idleTimeoutMs: e.REALTIME_IDLE_TIMEOUT_S * 1000,
  maxMessageBytes: e.REALTIME_MAX_MESSAGE_BYTES,
  ratePer10s: e.REALTIME_RATE_LIMIT_PER_10S,
  maxSubscriptions: e.REALTIME_MAX_SUBSCRIPTIONS,
  maxSessionsPerUser: e.REALTIME_MAX_SESSIONS_PER_USER,
  sendBufferSoftBytes: e.REALTIME_SEND_BUFFER_SOFT_BYTES,
  /** a session that stays past the soft limit this long is closed (1013) */
  lagTimeoutMs: e.REALTIME_LAG_TIMEOUT_S * 1000,
  sendBufferHardBytes: Math.max(
    e.REALTIME_SEND_BUFFER_HARD_BYTES,
    e.REALTIME_SEND_BUFFER_SOFT_BYTES,
  ),
});
export type RealtimeConfig = ReturnType<typeof realtimeConfig>;
