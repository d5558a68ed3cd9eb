import type { Env } from './env.schema.js';

export const realtimeConfig = (e: Env) => ({ meterIntervalMs: e.REALTIME_METER_INTERVAL_MS });
export type RealtimeConfig = ReturnType<typeof realtimeConfig>;
