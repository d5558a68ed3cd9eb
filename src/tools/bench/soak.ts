import type WebSocket from 'ws';
import {
  ChargerClient,
  bootNotification,
  connectChargers,
  startCharging,
} from './charger-client.js';
import { deploy } from './deployments.js';
import { chargerClock, meterValuesRequest } from './meter-values.js';
import { latenciesDueIn, openLoop } from './open-loop.js';
import { rssBytes } from './proc.js';
import { promValue } from './prom-text.js';
import { pool, type RunContext } from './run-context.js';
import { fmt } from './scenario.js';
import { percentile } from './stats.js';
import { type Sample, type Trend, trendOf } from './trend.js';
import { subscribedSession } from './user-client.js';

// `--soak`: Voltline under a steady load for a long time, to see what grows. 1,000 charging
// chargers send 500 MeterValues/s in all, 1,000 /ws/users sessions watch them; meanwhile
// chargers reconnect (RECONNECTS per period) and sessions move their subscription to another
// charger (CHURN_PER_S). Every SAMPLE_S the server's RSS, V8 heap used and event-loop delay p99
// (from its /metrics, whose p99 covers the time since the previous scrape) are sampled; the
// report gives each series' least-squares slope per hour and its first and last values.

const CHARGERS = 1000;
const RATE = 500;
const SESSIONS = 1000;
const SAMPLE_S = 30;
const RECONNECTS = 10;
const CHURN_PER_S = 10;
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

export interface SoakSample {
  atS: number;
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopP99Ms: number;
  callresultP99Ms: number;
  msgsPerS: number;
  /** MeterValues refused or lost (mostly to the chargers reconnecting meanwhile) */
  errors: number;
}

export interface SoakReport {
  minutes: number;
  database: 'postgres' | 'sqlite';
  chargers: number;
  ratePerS: number;
  sessions: number;
  reconnects: number;
  failedReconnects: number;
  resubscriptions: number;
  samples: SoakSample[];
  trends: Record<'rssBytes' | 'heapUsedBytes' | 'eventLoopP99Ms' | 'callresultP99Ms', Trend>;
}

export function describeSoak(scale: number, minutes: number): string {
  const c = (n: number, min = 1) => fmt(Math.max(min, Math.round(n * scale)));
  return `soak: ${minutes} min, ${c(CHARGERS)} charging chargers, ${c(RATE, 5)} MeterValues/s, ${c(SESSIONS)} /ws/users sessions, ${RECONNECTS} charger reconnects per ${SAMPLE_S} s, ${CHURN_PER_S} resubscriptions/s; RSS, heap used and event-loop p99 sampled every ${SAMPLE_S} s`;
}

export async function runSoak(
  ctx: RunContext,
  minutes: number,
  database: 'postgres' | 'sqlite',
): Promise<SoakReport> {
  const d = await deploy(ctx, {
    target: 'voltline',
    db: database,
    env: { METRICS_TOKEN },
  });
  const n = ctx.count(CHARGERS, 2);
  const rate = ctx.count(RATE, 5);
  const sessionCount = ctx.count(SESSIONS);
  const chargers: ChargerClient[] = [];
  await connectChargers(ctx, d.chargerSide.wsUrl, 'SOAK', 0, n, 50, chargers, startCharging);
  const sessions: WebSocket[] = [];
  const watching: number[] = [];
  await pool(
    sessionCount,
    50,
    async (j) => {
      watching[j] = j % n;
      sessions[j] = await subscribedSession(ctx, d.userSide.wsUrl, d.token, `SOAK-${j % n}`, () => {
        /* events are only received */
      });
    },
    ctx.signal,
  );
  ctx.mark('chargers and sessions up');

  const scrape = async () => {
    const res = await fetch(`${d.chargerSide.httpUrl}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    return res.text();
  };
  await scrape(); // the event-loop histogram restarts at each scrape

  const clock = chargerClock(n);
  const energy = new Float64Array(n);
  const samples: SoakSample[] = [];
  let reconnects = 0;
  let resubscriptions = 0;
  let failedReconnects = 0;
  const t0 = performance.now();
  const end = t0 + minutes * 60_000;
  for (let period = 0; performance.now() < end - 1000; period++) {
    ctx.check();
    const periodMs = Math.min(SAMPLE_S * 1000, end - performance.now());
    const stop = new AbortController();
    const churn = churnWhile(ctx, stop.signal, async (tick) => {
      // subscription churn every tick; a charger reconnect every few ticks
      for (let c = 0; c < CHURN_PER_S / 10; c++) {
        const j = (period * 997 + tick * 31 + c) % sessionCount;
        const ws = sessions[j];
        if (ws.readyState !== ws.OPEN) continue;
        ws.send(JSON.stringify({ action: 'unsubscribe', chargePointId: `SOAK-${watching[j]}` }));
        watching[j] = (watching[j] + 1) % n;
        ws.send(JSON.stringify({ action: 'subscribe', chargePointId: `SOAK-${watching[j]}` }));
        resubscriptions++;
      }
      if (tick % Math.max(1, Math.floor((SAMPLE_S * 10) / RECONNECTS)) === 0) {
        const i = (period * RECONNECTS + tick) % n;
        chargers[i].close();
        try {
          chargers[i] = await reconnect(ctx, d.chargerSide.wsUrl, `SOAK-${i}`, i);
          reconnects++;
        } catch {
          failedReconnects++; // its MeterValues fail (counted as lost) until the next try
        }
      }
    });
    const load = await openLoop(ctx, {
      chargers,
      ratePerS: rate,
      durationMs: periodMs,
      action: 'MeterValues',
      payload: (i) =>
        meterValuesRequest(chargers[i].transactionId, 7200, (energy[i] += 2), clock(i)),
      drainMs: 3000,
    });
    stop.abort();
    await churn;
    const { latencies } = latenciesDueIn(load, load.startedAt, load.startedAt + periodMs);
    const metrics = await scrape();
    const sample: SoakSample = {
      atS: Math.round((performance.now() - t0) / 1000),
      rssBytes: rssBytes(d.chargerSide.pid),
      heapUsedBytes: promValue(metrics, 'voltline_nodejs_heap_size_used_bytes') ?? NaN,
      eventLoopP99Ms:
        (promValue(metrics, 'voltline_nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000,
      callresultP99Ms: percentile(latencies, 99),
      msgsPerS: load.answeredAt.length / (periodMs / 1000),
      errors: load.errors,
    };
    samples.push(sample);
    process.stdout.write(
      `  ${String(sample.atS).padStart(5)} s: RSS ${(sample.rssBytes / 2 ** 20).toFixed(1)} MiB, heap ${(sample.heapUsedBytes / 2 ** 20).toFixed(1)} MiB, event loop p99 ${sample.eventLoopP99Ms.toFixed(1)} ms, CALLRESULT p99 ${sample.callresultP99Ms.toFixed(1)} ms, ${fmt(sample.msgsPerS)} msg/s, ${sample.errors} lost\n`,
    );
  }
  const series = (f: (s: SoakSample) => number): Sample[] =>
    samples.map((s) => ({ atS: s.atS, value: f(s) }));
  return {
    minutes,
    database,
    chargers: n,
    ratePerS: rate,
    sessions: sessionCount,
    reconnects,
    failedReconnects,
    resubscriptions,
    samples,
    trends: {
      rssBytes: trendOf(series((s) => s.rssBytes)),
      heapUsedBytes: trendOf(series((s) => s.heapUsedBytes)),
      eventLoopP99Ms: trendOf(series((s) => s.eventLoopP99Ms)),
      callresultP99Ms: trendOf(series((s) => s.callresultP99Ms)),
    },
  };
}

/** Runs `tick(k)` every 100 ms until `stop` (a tick is awaited before the next is due). */
async function churnWhile(
  ctx: RunContext,
  stop: AbortSignal,
  tick: (k: number) => Promise<void>,
): Promise<void> {
  for (let k = 0; !stop.aborted && !ctx.signal.aborted; k++) {
    await tick(k);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A charger's new connection: connect, boot, a transaction running again. */
async function reconnect(
  ctx: RunContext,
  wsUrl: string,
  id: string,
  i: number,
): Promise<ChargerClient> {
  const c = await ChargerClient.connect(wsUrl, id);
  ctx.defer(() => c.close());
  if (!(await c.call('BootNotification', bootNotification(i))))
    throw new Error(`BootNotification of ${id} not accepted on reconnect`);
  await startCharging(c);
  return c;
}
