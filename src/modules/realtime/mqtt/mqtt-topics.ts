import { isValidChargePointId } from '../../../common/contracts/charge-point-id.js';

// Contract section 8: one read-only topic per charger, and the one wildcard over them.
const PREFIX = 'voltline/charge-points/';
const SUFFIX = '/events';

export const WILDCARD_TOPIC = `${PREFIX}+${SUFFIX}`;

export const topicOf = (chargePointId: string) => `${PREFIX}${chargePointId}${SUFFIX}`;

/** What a topic filter asks for: one charger, every visible one, or nothing we serve (null). */
export function parseTopicFilter(filter: string): { chargePointId: string } | 'all' | null {
  if (filter === WILDCARD_TOPIC) return 'all';
  if (!filter.startsWith(PREFIX) || !filter.endsWith(SUFFIX)) return null;
  const id = filter.slice(PREFIX.length, filter.length - SUFFIX.length);
  // `+` is a valid chargePointId character but a wildcard in MQTT: such chargers have no topic
  return isValidChargePointId(id) && !id.includes('+') ? { chargePointId: id } : null;
}
