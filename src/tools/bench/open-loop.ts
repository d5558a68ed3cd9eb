import type { ChargerClient } from './charger-client.js';
import type { RunContext } from './run-context.js';

// An open-loop load: CALL number i is due at start + i / rate, whatever happened before, and
// goes to charger i mod N. A charger keeps one CALL in flight (OCPP-J); a due CALL whose charger
// is busy waits in that charger's queue. Latency is measured from the due time, so a server
// that falls behind is charged for the wait too (no coordinated omission).

export interface OpenLoopOptions {
  chargers: readonly ChargerClient[];
  ratePerS: number;
  durationMs: number;
  action: string;
  /** payload of the k-th CALL (k from 1) of charger `index` */
  payload: (index: number, k: number) => unknown;
  /** the actual send of the k-th CALL of charger `index` (for end-to-end timing) */
  onSend?: (index: number, k: number, at: number) => void;
  /** ends the load early (what is due after it is never sent) */
  stop?: AbortSignal;
  /** how long to wait for the last answers after the load, at most */
  drainMs?: number;
}

export interface OpenLoopResult {
  startedAt: number;
  /** when the load and its drain ended: CALLs unanswered by then never count as answered */
  endedAt: number;
  /** per CALL due (sent or still queued): its due time, and its latency (NaN: unanswered) */
  dueAt: number[];
  latencyMs: number[];
  /** when each CALLRESULT came (performance.now()) */
  answeredAt: number[];
  errors: number;
}

export async function openLoop(ctx: RunContext, o: OpenLoopOptions): Promise<OpenLoopResult> {
  const n = o.chargers.length;
  const queues: number[][] = Array.from({ length: n }, () => []); // slots waiting for their charger
  const busy = new Uint8Array(n);
  const sentCount = new Uint32Array(n);
  const interval = 1000 / o.ratePerS;
  const total = Math.floor((o.durationMs * o.ratePerS) / 1000);
  const r: OpenLoopResult = {
    startedAt: performance.now(),
    endedAt: NaN,
    dueAt: [],
    latencyMs: [],
    answeredAt: [],
    errors: 0,
  };
  let inFlight = 0;
  let waiting = 0;
  let over = false;

  const send = (index: number, slot: number) => {
    busy[index] = 1;
    inFlight++;
    const k = ++sentCount[index];
    o.onSend?.(index, k, performance.now());
    void o.chargers[index].call(o.action, o.payload(index, k)).then((answer) => {
      const now = performance.now();
      inFlight--;
      busy[index] = 0;
      if (over) return;
      if (answer) {
        r.latencyMs[slot] = now - r.dueAt[slot];
        r.answeredAt.push(now);
      } else r.errors++;
      const next = queues[index].shift();
      if (next !== undefined && o.chargers[index].open) {
        waiting--;
        send(index, next);
      }
    });
  };

  let scheduled = 0;
  const start = r.startedAt;
  while (scheduled < total && !ctx.signal.aborted && !o.stop?.aborted) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; scheduled < due; scheduled++) {
      const index = scheduled % n;
      const slot = r.dueAt.push(start + scheduled * interval) - 1;
      r.latencyMs.push(NaN);
      if (!busy[index]) send(index, slot);
      else {
        queues[index].push(slot);
        waiting++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  try {
    await ctx.until(() => inFlight === 0 && waiting === 0, o.drainMs ?? 5000, 10);
  } finally {
    over = true; // what is still queued is never sent, late answers are not counted
    r.endedAt = performance.now();
  }
  return r;
}

/**
 * Latencies of the CALLs due in [from, to). A CALL never answered counts with the time from
 * its due time to the end of the drain (a lower bound of its latency); `unanswered` says how many.
 */
export function latenciesDueIn(r: OpenLoopResult, from: number, to: number) {
  const latencies: number[] = [];
  let unanswered = 0;
  for (let i = 0; i < r.dueAt.length; i++) {
    if (r.dueAt[i] < from || r.dueAt[i] >= to) continue;
    const l = r.latencyMs[i];
    if (Number.isNaN(l)) unanswered++;
    latencies.push(Number.isNaN(l) ? r.endedAt - r.dueAt[i] : l);
  }
  return { latencies, unanswered };
}

/** CALLRESULTs that came in [from, to). */
export const answeredIn = (r: OpenLoopResult, from: number, to: number) =>
  r.answeredAt.filter((t) => t >= from && t < to).length;
