// Close codes the OCPP gateway sends, distinct so that a charger's logs say why.
export const OCPP_CLOSE = {
  /** A newer connection with the same chargePointId took over. */
  REPLACED: 4000,
  /** Nothing (no frame, no pong) came for 2 x heartbeat interval + grace. */
  HEARTBEAT_TIMEOUT: 4001,
  /** An admin removed the charger (contract section 7): it is not registered any more. */
  REMOVED: 4002,
  /** The server is shutting down: reconnect (elsewhere). */
  GOING_AWAY: 1001,
} as const;
