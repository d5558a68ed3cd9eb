// Contract section 1: OCPP's identifierString without ':' (HTTP Basic auth cannot carry it in
// a username), 1 to 48 characters.
export const CHARGE_POINT_ID_PATTERN = /^[A-Za-z0-9*\-_=+|@.]{1,48}$/;

export function isValidChargePointId(id: string): boolean {
  return CHARGE_POINT_ID_PATTERN.test(id);
}
