import { OcppCallError } from '../transport/ocpp-transport.js';

// What the OCPP 1.6 JSON schemas let through but no charger has a right to send: timestamps that
// are no dates (or a leap second, which JavaScript cannot represent), integers past what the
// columns hold or OCPP means, connector ids past the charger's, and MeterValues with thousands
// of samples. Checked on arrival, before any work, so that one charger's bad value never reaches
// the shared unit of work (where it would roll back other chargers' writes).

export interface ValueLimits {
  maxConnectors: number;
  maxSamplesPerMessage: number;
}

const INT32_MAX = 2_147_483_647;
/** Our transaction ids and reservation ids are 32-bit; meter readings (Wh) may be larger. */
const INTEGER_FIELDS: Record<string, number> = {
  transactionId: Number.MAX_SAFE_INTEGER,
  reservationId: INT32_MAX,
  meterStart: Number.MAX_SAFE_INTEGER,
  meterStop: Number.MAX_SAFE_INTEGER,
};
const DATE_FIELDS = new Set(['timestamp', 'expiryDate']);
// RFC 3339 date-time; seconds 60 is a leap second
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const violation = (message: string) => new OcppCallError('PropertyConstraintViolation', message);

/** Throws a CALLERROR for a bad value; rewrites a leap second to 23:59:59.999 in place. */
export function checkOcpp16Values(action: string, payload: unknown, limits: ValueLimits): void {
  if (!payload || typeof payload !== 'object') return;
  const p = payload as Record<string, unknown>;
  if ('connectorId' in p && typeof p.connectorId === 'number') {
    const min = action === 'StartTransaction' ? 1 : 0;
    if (p.connectorId < min || p.connectorId > limits.maxConnectors)
      throw violation(`connectorId: must be ${min} to ${limits.maxConnectors}`);
  }
  const samples = countSamples(p);
  if (samples > limits.maxSamplesPerMessage)
    throw new OcppCallError(
      'OccurenceConstraintViolation',
      `at most ${limits.maxSamplesPerMessage} sampled values per message, got ${samples}`,
    );
  walk(p, '');
}

function walk(node: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === 'number' && key in INTEGER_FIELDS) {
      const max = INTEGER_FIELDS[key];
      if (value < -max || value > max) throw violation(`${at}: out of range`);
    } else if (typeof value === 'string' && DATE_FIELDS.has(key)) {
      node[key] = checkedDate(value, at);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') walk(item as Record<string, unknown>, `${at}[${i}]`);
      });
    } else if (value && typeof value === 'object') {
      walk(value as Record<string, unknown>, at);
    }
  }
}

/** The date as the rest of the code reads it; a leap second becomes 23:59:59.999. */
export function checkedDate(value: string, at = 'timestamp'): string {
  const m = DATE_TIME.exec(value);
  if (!m) throw violation(`${at}: not an RFC 3339 date-time`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59)
    throw violation(`${at}: not a valid date`);
  let text = value;
  if (m[6] === '60') {
    if (m[4] !== '23' || m[5] !== '59') throw violation(`${at}: second 60 only at 23:59`);
    text = `${m[1]}-${m[2]}-${m[3]}T23:59:59.999${m[8]}`;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw violation(`${at}: not a valid date`);
  if (ms < EARLIEST || ms > LATEST) throw violation(`${at}: outside 1970..9999`);
  return text;
}

function countSamples(p: Record<string, unknown>): number {
  let n = 0;
  for (const key of ['meterValue', 'transactionData']) {
    const list = p[key];
    if (!Array.isArray(list)) continue;
    for (const mv of list) {
      const sv = (mv as { sampledValue?: unknown })?.sampledValue;
      n += Array.isArray(sv) ? sv.length : 0;
    }
  }
  return n;
}
