import type { Row } from './results.js';
import { checkTargets } from './targets.js';

const row = (figure: string, setup: string, value: number, extra: Partial<Row> = {}): Row => ({
  scenario: figure.split('.')[0],
  figure,
  setup,
  unit: '',
  better: 'lower',
  value,
  runs: [value],
  ...extra,
});

const verdict = (rows: Row[], starts: string) =>
  checkTargets(rows).find((c) => c.target.startsWith(starts));

describe('the round-two targets', () => {
  it('needs both databases past their knee rate', () => {
    const knee = (pg: number, sqlite: number) =>
      verdict(
        [
          row('knee.max_msgs_per_s', 'PostgreSQL', pg),
          row('knee.max_msgs_per_s', 'SQLite', sqlite),
        ],
        'knee',
      )?.met;
    expect(knee(6000, 8000)).toBe(true);
    expect(knee(6000, 6000)).toBe(false);
    expect(knee(4000, 10000)).toBe(false);
  });

  it('compares CPU per message with the baseline, not with a fixed figure', () => {
    const cpu = (timesWorse: number) =>
      verdict(
        [row('ingest.cpu_ms_per_msg', 'PostgreSQL', 0.2, { timesWorse, point: '2,000/s offered' })],
        'CPU per persisted',
      )?.met;
    expect(cpu(2.9)).toBe(true);
    expect(cpu(4.1)).toBe(false);
  });

  it('does not call the idle target met at fewer than 50,000 chargers', () => {
    const idle = (point: string) =>
      verdict(
        [
          row('idle50k.rss_per_charger_bytes', 'SQLite', 12_000, { timesWorse: 1.8, point }),
          row('idle50k.heartbeat_p99_ms', 'SQLite', 40, { point }),
        ],
        '50,000 idle',
      );
    expect(idle('50,000 chargers')?.met).toBe(true);
    expect(idle('19,000 chargers')).toMatchObject({ met: false });
    expect(idle('19,000 chargers')?.detail).toContain('only 19,000 chargers');
  });

  it('says not measured when a scenario did not run', () => {
    expect(verdict([], 'one node full')?.met).toBeNull();
  });
});
