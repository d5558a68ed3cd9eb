import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';

interface Slot {
  lastSentAt: number;
  pending?: ChargePointEvent;
  timer?: NodeJS.Timeout;
}

// MeterValues reach users at most once per interval per connector, the latest value winning;
// every other event passes at once. To keep a charger's events in order, a MeterValues held
// back is flushed before any later event of the same charger.
export class MeterCoalescer {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (event: ChargePointEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  offer(event: ChargePointEvent): void {
    if (event.name !== 'MeterValues' || this.intervalMs === 0) {
      this.flushCharger(event.chargePointId);
      this.deliver(event);
      return;
    }
    const key = `${event.chargePointId}\u0000${(event.data as { connectorId: number }).connectorId}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { lastSentAt: -Infinity };
      this.slots.set(key, slot);
    }
    // another connector's held value is older than this one: it goes first
    this.flushCharger(event.chargePointId, key);
    const wait = slot.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0 && !slot.pending) {
      slot.lastSentAt = this.now();
      this.deliver(event);
      return;
    }
    slot.pending = event; // the latest wins
    const s = slot;
    s.timer ??= setTimeout(() => this.flush(s), Math.max(0, wait));
  }

  private flushCharger(chargePointId: string, except?: string): void {
    const prefix = `${chargePointId}\u0000`;
    for (const [key, slot] of this.slots) {
      if (key !== except && key.startsWith(prefix) && slot.pending) this.flush(slot);
    }
  }

  private flush(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    const event = slot.pending;
    slot.pending = undefined;
    if (!event) return;
    slot.lastSentAt = this.now();
    this.deliver(event);
  }

  /** Drops slots idle for long (no pending value, nothing sent for 10 intervals). */
  sweep(): void {
    const cutoff = this.now() - Math.max(this.intervalMs * 10, 60_000);
    for (const [key, slot] of this.slots) {
      if (!slot.pending && slot.lastSentAt < cutoff) this.slots.delete(key);
    }
  }

  close(): void {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }
}
