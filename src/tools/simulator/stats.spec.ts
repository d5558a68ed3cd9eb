import { seededRng } from './random.js';
import { percentile, Reservoir, SimulationStats } from './stats.js';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);

    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('Reservoir', () => {
  it('keeps a bounded sample but counts and maxes every value', () => {
    const r = new Reservoir(seededRng(1), 1000);
    for (let i = 1; i <= 100_000; i++) r.add(i % 100);
    r.add(5000);

    const s = r.summary();
    expect(s.count).toBe(100_001);
    expect(s.max).toBe(5000);
    // a uniform sample of 0..99 repeated: the median stays near the middle
    expect(s.p50).toBeGreaterThan(40);
    expect(s.p50).toBeLessThan(60);
  });
});

describe('SimulationStats', () => {
  it('sums up calls by action, errors by kind and the latency of answers', () => {
    const stats = new SimulationStats(seededRng(1));
    stats.callSent('MeterValues');
    stats.callSent('BootNotification');
    stats.callSent('MeterValues');
    stats.callAnswered(4);
    stats.callAnswered(10);
    stats.error('timeout (MeterValues)');

    const s = stats.summary(42, 3, 6.04);
    expect(s).toMatchObject({
      seed: 42,
      durationS: 6,
      chargers: { planned: 3 },
      messages: { sent: 3, answered: 2, byAction: { BootNotification: 1, MeterValues: 2 } },
      errors: { total: 1, byKind: { 'timeout (MeterValues)': 1 } },
      latencyMs: { count: 2, p50: 4, p99: 10, max: 10 },
    });
    expect(Object.keys(s.messages.byAction)).toEqual(['BootNotification', 'MeterValues']);
  });
});
