import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';

interface Buffer {
  events: ChargePointEvent[];
  /** Every delivered event with a higher seq than this is still held. */
  coveredAfter: number;
  lastUsedAt: number;
}

// Each charger's recently delivered events, bounded in count, for `subscribe` with `sinceSeq`.
// A buffer starts with the first event this process delivers for a charger (it cannot vouch
// for anything before) and is dropped when nobody has used it for the resume window.
export class RecentEvents {
  private readonly buffers = new Map<string, Buffer>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  append(event: ChargePointEvent): void {
    if (this.capacity === 0) return;
    let buffer = this.buffers.get(event.chargePointId);
    if (!buffer) {
      buffer = { events: [], coveredAfter: event.seq - 1, lastUsedAt: this.now() };
      this.buffers.set(event.chargePointId, buffer);
    }
    buffer.events.push(event);
    if (buffer.events.length > this.capacity) {
      const evicted = buffer.events.shift() as ChargePointEvent;
      buffer.coveredAfter = evicted.seq;
    }
  }

  /**
   * The events after `sinceSeq`, in order, when every one of them is still held (possibly
   * none, when the client is up to date); null when some are gone or `sinceSeq` is unknown.
   */
  since(chargePointId: string, sinceSeq: number): ChargePointEvent[] | null {
    const buffer = this.buffers.get(chargePointId);
    if (!buffer || buffer.events.length === 0) return null;
    const last = buffer.events[buffer.events.length - 1].seq;
    if (sinceSeq < buffer.coveredAfter || sinceSeq > last) return null;
    buffer.lastUsedAt = this.now();
    return buffer.events.filter((e) => e.seq > sinceSeq);
  }

  /** Keeps buffers of watched chargers alive, drops the others after the resume window. */
  sweep(isWatched: (chargePointId: string) => boolean): void {
    const now = this.now();
    for (const [id, buffer] of this.buffers) {
      if (isWatched(id)) buffer.lastUsedAt = now;
      else if (now - buffer.lastUsedAt > this.windowMs) this.buffers.delete(id);
    }
  }

  get size(): number {
    return this.buffers.size;
  }
}
