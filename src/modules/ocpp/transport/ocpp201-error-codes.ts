// ocpp-rpc's schema validator names a missing or out-of-bounds value with 1.6's misspelling
// (OccurenceConstraintViolation) whatever the protocol; contract section 1 wants 2.0.1 CALLERRORs
// spelled as 2.0.1 spells them, so outbound 2.0.1 CALLERRORs pass through this table.
const TO_OCPP201: Record<string, string> = {
  OccurenceConstraintViolation: 'OccurrenceConstraintViolation',
  FormationViolation: 'FormatViolation',
};

export function ocpp201ErrorCode(code: string): string {
  return TO_OCPP201[code] ?? code;
}

/** Rewrites the error code of a serialised CALLERROR frame; anything else passes unchanged. */
export function rewriteOcpp201CallError(frame: string): string {
  if (!frame.startsWith('[4,')) return frame;
  const parsed = JSON.parse(frame) as unknown[];
  const code = parsed[2];
  if (typeof code !== 'string' || ocpp201ErrorCode(code) === code) return frame;
  parsed[2] = ocpp201ErrorCode(code);
  return JSON.stringify(parsed);
}
