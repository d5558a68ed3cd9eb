import { ChargerMemos } from './charger-memos.js';

const staged = (entries: Record<string, Record<string, unknown>>) =>
  new Map(Object.entries(entries).map(([id, memo]) => [id, new Map(Object.entries(memo))]));

describe('ChargerMemos', () => {
  it('adds what a batch staged to what the charger remembered, until it is dropped', () => {
    const memos = new ChargerMemos(10);
    memos.remember(staged({ CP_1: { a: 1, b: 2 } }));
    memos.remember(staged({ CP_1: { b: 3 }, CP_2: { a: 4 } }));
    expect(Object.fromEntries(memos.get('CP_1')!)).toEqual({ a: 1, b: 3 });
    memos.drop('CP_1');
    expect(memos.get('CP_1')).toBeUndefined();
    expect(memos.get('CP_2')?.get('a')).toBe(4);
  });

  it('forgets the charger written least recently beyond its size', () => {
    const memos = new ChargerMemos(2);
    memos.remember(staged({ CP_1: { a: 1 } }));
    memos.remember(staged({ CP_2: { a: 2 } }));
    memos.remember(staged({ CP_1: { a: 3 } })); // CP_1 is now the most recent
    memos.remember(staged({ CP_3: { a: 4 } }));
    expect(memos.size).toBe(2);
    expect(memos.get('CP_2')).toBeUndefined();
    expect(memos.get('CP_1')?.get('a')).toBe(3);
  });
});
