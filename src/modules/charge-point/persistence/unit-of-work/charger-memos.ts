/** What a charger's units remember from one batch to the next, by key (see BatchScope.memo). */
export type Memo = ReadonlyMap<string, unknown>;

// The chargers' memos, the least recently written dropped first beyond `max`. A memo is what a
// charger's readings-only units (MeterValues) read and wrote: any other unit of the charger may
// change it, so such a unit drops it before it runs, and what a batch stages is kept only once
// that batch has committed.
export class ChargerMemos {
  private readonly memos = new Map<string, Map<string, unknown>>();

  constructor(private readonly max: number) {}

  get(chargePointId: string): Memo | undefined {
    return this.memos.get(chargePointId);
  }

  drop(chargePointId: string): void {
    this.memos.delete(chargePointId);
  }

  /** Keeps what a committed batch staged, by charger. */
  remember(staged: ReadonlyMap<string, Memo>): void {
    for (const [chargePointId, entries] of staged) {
      const memo = this.memos.get(chargePointId) ?? new Map<string, unknown>();
      for (const [key, value] of entries) memo.set(key, value);
      this.memos.delete(chargePointId); // most recent last
      this.memos.set(chargePointId, memo);
    }
    while (this.memos.size > this.max) this.memos.delete(this.memos.keys().next().value!);
  }

  get size(): number {
    return this.memos.size;
  }
}
