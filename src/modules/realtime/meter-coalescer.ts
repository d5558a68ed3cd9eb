import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';

interface Held {
  event: ChargePointEvent;
  connectorId: number;
  releaseAt: number;
}

interface ChargerState {
  /** held MeterValues in seq order; each waits for its release time and for the ones before it */
  queue: Held[];
  lastSentAt: Map<number, number>;
  timer?: NodeJS.Timeout;
  touchedAt: number;
}

// MeterValues reach users at most once per interval per connector, the latest value winning;
// every other event passes at once, and a charger's events stay in seq order. A MeterValues
// waits behind an older held one (of any connector). Another event of the charger supersedes
// what is held: the held MeterValues are dropped rather than sent early (the rate holds) or
// after it (the order holds, and a reading from before a TransactionStopped never lands after it).
export class MeterCoalescer {
  private readonly chargers = new Map<string, ChargerState>();

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (event: ChargePointEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  offer(event: ChargePointEvent): void {
    if (event.name !== 'MeterValues' || this.intervalMs === 0) {
      const state = this.chargers.get(event.chargePointId);
      if (state) this.drop(state);
      this.deliver(event);
      return;
    }
    const state = this.stateOf(event.chargePointId);
    const connectorId = (event.data as { connectorId: number }).connectorId;
    const now = this.now();
    const releaseAt = (state.lastSentAt.get(connectorId) ?? -Infinity) + this.intervalMs;
    if (state.queue.length === 0 && releaseAt <= now) {
      state.lastSentAt.set(connectorId, now);
      this.deliver(event);
      return;
    }
    // the latest wins: an older held value of this connector gives way to this one
    state.queue = state.queue.filter((h) => h.connectorId !== connectorId);
    state.queue.push({ event, connectorId, releaseAt: Math.max(now, releaseAt) });
    this.schedule(state);
  }

  private stateOf(chargePointId: string): ChargerState {
    let state = this.chargers.get(chargePointId);
    if (!state)
      this.chargers.set(
        chargePointId,
        (state = { queue: [], lastSentAt: new Map(), touchedAt: 0 }),
      );
    state.touchedAt = this.now();
    return state;
  }

  /** Delivers held values, in order, up to the first that is not due by `until`. */
  private release(state: ChargerState, until: number): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    while (state.queue.length > 0 && state.queue[0].releaseAt <= until) {
      const held = state.queue.shift() as Held;
      state.lastSentAt.set(held.connectorId, this.now());
      this.deliver(held.event);
    }
    this.schedule(state);
  }

  private drop(state: ChargerState): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    state.queue = [];
  }

  private schedule(state: ChargerState): void {
    if (state.timer || state.queue.length === 0) return;
    const wait = Math.max(0, state.queue[0].releaseAt - this.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.release(state, this.now());
    }, wait);
  }

  /** Forgets chargers with nothing held and no MeterValues for max(10 intervals, 60 s). */
  sweep(): void {
    const cutoff = this.now() - Math.max(this.intervalMs * 10, 60_000);
    for (const [id, state] of this.chargers) {
      if (state.queue.length === 0 && state.touchedAt < cutoff) this.chargers.delete(id);
    }
  }

  close(): void {
    for (const state of this.chargers.values()) clearTimeout(state.timer);
    this.chargers.clear();
  }
}
