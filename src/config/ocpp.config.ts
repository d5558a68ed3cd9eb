import type { Env } from './env.schema.js';

export const ocppConfig = (e: Env) => ({
  heartbeatIntervalS: e.OCPP_HEARTBEAT_INTERVAL_S,
  heartbeatGraceS: e.OCPP_HEARTBEAT_GRACE_S,
  allowUnknownChargers: e.OCPP_ALLOW_UNKNOWN_CHARGERS,
  acceptUnknownIdTags: e.OCPP_ACCEPT_UNKNOWN_ID_TAGS,
  /** how long a command waits for the charger's answer, from when its CALL is sent */
  callTimeoutMs: e.OCPP_CALL_TIMEOUT_S * 1000,
  /** commands per charger in flight or waiting their turn, at most (one CALL at a time) */
  callQueueMax: e.OCPP_CALL_QUEUE_MAX,
});
export type OcppConfig = ReturnType<typeof ocppConfig>;
