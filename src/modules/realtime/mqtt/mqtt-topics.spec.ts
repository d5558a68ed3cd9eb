import { parseTopicFilter, topicOf, WILDCARD_TOPIC } from './mqtt-topics.js';

describe('MQTT topic filters', () => {
  it('reads one charger, and the wildcard over them', () => {
    expect(parseTopicFilter(topicOf('CP_1'))).toEqual({ chargePointId: 'CP_1' });
    expect(parseTopicFilter('voltline/charge-points/a.b@c/events')).toEqual({
      chargePointId: 'a.b@c',
    });
    expect(parseTopicFilter(WILDCARD_TOPIC)).toBe('all');
  });

  it('serves nothing else: other wildcards, other levels, bad ids', () => {
    for (const filter of [
      '#',
      'voltline/#',
      'voltline/charge-points/#',
      'voltline/charge-points/+/+',
      'voltline/charge-points/CP_1/events/x',
      'voltline/charge-points/CP/1/events',
      'voltline/charge-points//events',
      'voltline/charge-points/CP+/events',
      '$SYS/#',
    ]) {
      expect(parseTopicFilter(filter)).toBeNull();
    }
  });
});
