import { formatDuration, mergeTransactions, type Transaction } from '../web/src/live/history.js';

// The charger page's transaction history (web/src/live/history.ts): the first page, asked
// again when a transaction starts or stops, is merged into the pages already shown.

const tx = (id: number, o: Partial<Transaction> = {}): Transaction => ({
  id,
  connectorId: 1,
  idTag: null,
  status: 'completed',
  startedAt: '2026-11-01T08:00:00.000Z',
  stoppedAt: '2026-11-01T09:00:00.000Z',
  energyWh: 1000,
  durationS: 3600,
  stopReason: 'Local',
  ...o,
});

describe('the transaction history', () => {
  it('keeps the older pages shown, newest first, when the first page comes again', () => {
    const shown = [tx(9), tx(8), tx(7), tx(6)];
    const merged = mergeTransactions(shown, [tx(11), tx(10), tx(9)]);
    expect(merged.map((t) => t.id)).toEqual([11, 10, 9, 8, 7, 6]);
  });

  it('replaces a running transaction with its completed copy', () => {
    const running = tx(5, { status: 'active', stopReason: null, energyWh: 200 });
    const [row] = mergeTransactions([running], [tx(5, { energyWh: 1250, stopReason: 'Remote' })]);
    expect(row).toMatchObject({ status: 'completed', energyWh: 1250, stopReason: 'Remote' });
  });

  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h 0 min'],
    [5400, '1 h 30 min'],
    [90_061, '25 h 1 min'],
  ])('reads a duration of %i s as "%s"', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
