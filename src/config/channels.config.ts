import type { Env } from './env.schema.js';

// The user channels beside /ws/users (contract section 8).
export const channelsConfig = (e: Env) => ({
  sseHeartbeatMs: e.REALTIME_SSE_HEARTBEAT_S * 1000,
  /** undefined: MQTT is off (the safe default: no second port unless asked for) */
  mqttPort: e.MQTT_PORT,
  mqttHost: e.MQTT_HOST,
});
export type ChannelsConfig = ReturnType<typeof channelsConfig>;
