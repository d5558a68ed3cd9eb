import type { Env } from './env.schema.js';

export const ocppConfig = (e: Env) => ({
  heartbeatIntervalS: e.OCPP_HEARTBEAT_INTERVAL_S,
  heartbeatGraceS: e.OCPP_HEARTBEAT_GRACE_S,
  allowUnknownChargers: e.OCPP_ALLOW_UNKNOWN_CHARGERS,
  acceptUnknownIdTags: e.OCPP_ACCEPT_UNKNOWN_ID_TAGS,
});
export type OcppConfig = ReturnType<typeof ocppConfig>;
