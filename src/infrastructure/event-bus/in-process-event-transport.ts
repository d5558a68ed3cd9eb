import { randomUUID } from 'node:crypto';
import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { contiguousSince, EventTransport } from './event-transport.js';

interface Held {
  events: ChargePointEvent[];
  lastUsedAt: number;
}

// One instance: nothing to cross. It keeps each charger's recent events (bounded in count, and
// dropped when not asked for during the resume window) for `sinceSeq` resume.
export class InProcessEventTransport extends EventTransport {
  readonly instanceId = randomUUID();
  private readonly held = new Map<string, Held>();
  private readonly watched = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {
    super();
    this.timer = setInterval(() => this.sweep(), Math.max(1000, Math.min(windowMs, 60_000)));
    this.timer.unref();
  }

  publish(event: ChargePointEvent): void {
    if (this.capacity === 0) return;
    let h = this.held.get(event.chargePointId);
    if (!h) this.held.set(event.chargePointId, (h = { events: [], lastUsedAt: Date.now() }));
    h.events.push(event);
    if (h.events.length > this.capacity) h.events.shift();
  }

  async since(chargePointId: string, sinceSeq: number): Promise<ChargePointEvent[] | null> {
    const h = this.held.get(chargePointId);
    if (!h) return null;
    h.lastUsedAt = Date.now();
    return contiguousSince(h.events, sinceSeq);
  }

  /** A charger watched keeps its events; an unwatched one loses them after the window. */
  watch(chargePointId: string): void {
    this.watched.add(chargePointId);
  }

  unwatch(chargePointId: string): void {
    this.watched.delete(chargePointId);
    const h = this.held.get(chargePointId);
    if (h) h.lastUsedAt = Date.now();
  }

  private sweep(): void {
    const cutoff = Date.now() - this.windowMs;
    for (const [id, h] of this.held) {
      if (!this.watched.has(id) && h.lastUsedAt < cutoff) this.held.delete(id);
    }
  }

  async whenWatching(): Promise<void> {}

  onRemoteEvent(): void {}
  broadcast(): void {}
  sendTo(): void {} // there is no other instance
  onClusterMessage(): void {}
  onRecovered(): void {}
  status(): 'up' {
    return 'up';
  }

  close(): void {
    clearInterval(this.timer);
  }
}
