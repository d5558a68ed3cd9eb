import { connectChargers, startCharging, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import { chargerClock, meterValuesRequest } from '../meter-values.js';
import { answeredIn, latenciesDueIn, openLoop } from '../open-loop.js';
import { cpuMeter, cpuSeconds } from '../proc.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario } from '../scenario.js';
import { percentile } from '../stats.js';

// MeterValues at a fixed offered rate, spread over charging chargers: the rate the server
// answers, the CALLRESULT latency (from the due time), the server's CPU. Each rate: 2 s of
// warm-up, then an 8 s window that is measured.

const CHARGERS = 200;
const RATES = [1000, 2000];
const WARMUP_MS = 1500;
const WINDOW_MS = 6000;
const DRAIN_MS = 3000;

const rates = (scale: number) => RATES.map((r) => Math.max(10, Math.round(r * scale)));

async function run(
  ctx: RunContext,
  target: Target,
  db?: 'sqlite' | 'postgres',
): Promise<Measurement[]> {
  const d = await deploy(ctx, { target, db });
  const n = ctx.count(CHARGERS, 2);
  const chargers: ChargerClient[] = [];
  ctx.mark('server up');
  await connectChargers(ctx, d.chargerSide.wsUrl, 'INGEST', 0, n, 50, chargers, startCharging);
  ctx.mark('chargers booted and charging');
  const clock = chargerClock(n);
  const energy = new Float64Array(n);
  const out: Measurement[] = [];
  for (const rate of rates(ctx.scale)) {
    // the server's CPU over the measured window, read by timers that fire at its edges
    let cpu0 = NaN;
    let cpuS = NaN;
    let cpu: (() => number) | undefined;
    let cpuPercent = NaN;
    const timers = [
      setTimeout(() => {
        cpu0 = cpuSeconds(d.chargerSide.pid);
        cpu = cpuMeter(d.chargerSide.pid);
      }, WARMUP_MS),
      setTimeout(() => {
        cpuS = cpuSeconds(d.chargerSide.pid) - cpu0;
        cpuPercent = cpu ? cpu() : NaN;
      }, WARMUP_MS + WINDOW_MS),
    ];
    const r = await openLoop(ctx, {
      chargers,
      ratePerS: rate,
      durationMs: WARMUP_MS + WINDOW_MS,
      action: 'MeterValues',
      payload: (i) =>
        meterValuesRequest(chargers[i].transactionId, 7200, (energy[i] += 2), clock(i)),
      drainMs: DRAIN_MS,
    });
    const windowStart = r.startedAt + WARMUP_MS;
    const windowEnd = windowStart + WINDOW_MS;
    await ctx.sleep(Math.max(0, windowEnd - performance.now()) + 50);
    timers.forEach(clearTimeout);
    ctx.mark(`${fmt(rate)}/s sent and drained`);
    const { latencies, unanswered } = latenciesDueIn(r, windowStart, windowEnd);
    if (unanswered > 0)
      ctx.notes.add(
        `ingest ${target}${db ? ` ${db}` : ''} at ${fmt(rate)}/s: ${unanswered} of ${latencies.length} CALLs unanswered ${DRAIN_MS / 1000} s after the load (counted with the time waited: the percentiles are lower bounds)`,
      );
    if (r.errors > 0) ctx.notes.add(`ingest ${target} at ${fmt(rate)}/s: ${r.errors} CALLERROR(s)`);
    const point = `${fmt(rate)}/s offered`;
    const answered = answeredIn(r, windowStart, windowEnd);
    out.push(
      { figure: 'ingest.msgs_per_s', point, value: answered / (WINDOW_MS / 1000) },
      { figure: 'ingest.callresult_p50_ms', point, value: percentile(latencies, 50) },
      { figure: 'ingest.callresult_p99_ms', point, value: percentile(latencies, 99) },
      { figure: 'ingest.server_cpu_percent', point, value: cpuPercent },
      // server CPU per answered MeterValues over the same window
      {
        figure: 'ingest.cpu_ms_per_msg',
        point,
        value: answered > 0 ? (cpuS * 1000) / answered : NaN,
      },
    );
    await ctx.sleep(500);
  }
  return out;
}

export const ingest: Scenario = {
  name: 'ingest',
  describe: (scale) =>
    `MeterValues at ${rates(scale).map(fmt).join(' and ')}/s offered over ${fmt(Math.max(2, Math.round(CHARGERS * scale)))} charging chargers, ${WINDOW_MS / 1000} s measured after ${WARMUP_MS / 1000} s warm-up`,
  figures: {
    'ingest.msgs_per_s': { unit: 'msg/s', better: 'higher' },
    'ingest.callresult_p50_ms': { unit: 'ms', better: 'lower' },
    'ingest.callresult_p99_ms': { unit: 'ms', better: 'lower' },
    'ingest.server_cpu_percent': { unit: '% of a core', better: 'lower' },
    'ingest.cpu_ms_per_msg': { unit: 'CPU ms/msg', better: 'lower' },
  },
  cases: [
    {
      target: 'voltline',
      setup: 'SQLite',
      baselineSetup: 'no persistence',
      run: (ctx) => run(ctx, 'voltline', 'sqlite'),
    },
    {
      target: 'voltline',
      setup: 'PostgreSQL',
      baselineSetup: 'no persistence',
      needs: ['postgres'],
      run: (ctx) => run(ctx, 'voltline', 'postgres'),
    },
    { target: 'baseline', setup: 'no persistence', run: (ctx) => run(ctx, 'baseline') },
  ],
};
