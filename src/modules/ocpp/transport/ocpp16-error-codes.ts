// ocpp-rpc speaks OCPP 2.0.1's error vocabulary and, for 1.6, rewrites only some of it (and
// rewrites OccurenceConstraintViolation to the errata's spelling). Contract section 1 wants the
// codes as OCPP 1.6J itself spells them, so outbound 1.6 CALLERRORs pass through this table.
const TO_OCPP16: Record<string, string> = {
  FormatViolation: 'FormationViolation',
  OccurrenceConstraintViolation: 'OccurenceConstraintViolation',
  RpcFrameworkError: 'FormationViolation',
  MessageTypeNotSupported: 'FormationViolation',
  SecurityError: 'SecurityError',
};

export function ocpp16ErrorCode(code: string): string {
  return TO_OCPP16[code] ?? code;
}

/** Rewrites the error code of a serialised CALLERROR frame; anything else passes unchanged. */
export function rewriteOcpp16CallError(frame: string): string {
  if (!frame.startsWith('[4,')) return frame;
  const parsed = JSON.parse(frame) as unknown[];
  const code = parsed[2];
  if (typeof code !== 'string' || ocpp16ErrorCode(code) === code) return frame;
  parsed[2] = ocpp16ErrorCode(code);
  return JSON.stringify(parsed);
}
