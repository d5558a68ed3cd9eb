import { deploy, type Target } from '../deployments.js';
import { type RowCounter, meterSampleRows } from '../db-rows.js';
import {
  kneeOf,
  kneeRates,
  KNEE_P99_LIMIT_MS,
  stepPassed,
  type StepOutcome,
} from '../knee-steps.js';
import { LoadFleet } from '../load-fleet.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario } from '../scenario.js';
import { percentile } from '../stats.js';

// The knee of ingest: 1,000 charging chargers, MeterValues offered at rising rates (a short
// warm-up, then a measured window each) until a step's CALLRESULT p99 passes 50 ms or a CALL due
// in its window goes unanswered. The knee is the highest rate that passed. The load comes from
// LOADERS child processes (one process cannot offer 10,000/s here). For Voltline, the rows the
// knee step left in the database are counted (one row per sampled value, four per MeterValues).

const CHARGERS = 1000;
const LOADERS = 2;
const WARMUP_MS = 1000;
/** the first step warms a cold server up too (JIT, pools, caches): longer */
const FIRST_WARMUP_MS = 3000;
const WINDOW_MS = 4000;
const DRAIN_MS = 2000;
const SAMPLES_PER_MESSAGE = 4; // meter-values.ts: power, energy, current, voltage

async function run(ctx: RunContext, target: Target, db?: 'sqlite' | 'postgres') {
  const d = await deploy(ctx, { target, db });
  const n = ctx.count(CHARGERS, LOADERS);
  const fleet = LoadFleet.start(ctx, LOADERS);
  ctx.mark('server up');
  await fleet.connect(
    {
      wsUrl: d.chargerSide.wsUrl,
      prefix: 'KNEE',
      count: n,
      concurrency: 50,
      charging: true,
      perSourceAddress: 0,
    },
    40_000,
  );
  ctx.mark('chargers booted and charging');
  const rows: RowCounter | undefined =
    target === 'voltline' ? await meterSampleRows(ctx, d.env) : undefined;
  const steps: Array<StepOutcome & { answered: number; persisted: number }> = [];
  for (const rate of kneeRates(ctx.scale)) {
    const before = rows ? await rows() : NaN;
    const r = await fleet.load({
      action: 'MeterValues',
      ratePerS: rate,
      warmupMs: steps.length === 0 ? FIRST_WARMUP_MS : WARMUP_MS,
      windowMs: WINDOW_MS,
      drainMs: DRAIN_MS,
    });
    const after = rows ? await rows() : NaN;
    const step = {
      ratePerS: rate,
      p99Ms: percentile(r.latencies, 99),
      unanswered: r.unanswered,
      answered: r.answered,
      persisted: (after - before) / SAMPLES_PER_MESSAGE,
    };
    steps.push(step);
    ctx.mark(`${fmt(rate)}/s: p99 ${step.p99Ms.toFixed(1)} ms, ${r.unanswered} unanswered`);
    if (!stepPassed(step)) break;
    await ctx.sleep(500);
  }
  const label = `knee ${target}${db ? ` ${db}` : ''}`;
  const failed = steps.at(-1);
  ctx.notes.add(
    `${label}: steps ${steps.map((s) => `${fmt(s.ratePerS)}/s p99 ${s.p99Ms.toFixed(1)} ms${s.unanswered ? ` (${s.unanswered} unanswered)` : ''}`).join(', ')}${failed && !stepPassed(failed) ? '' : ' (every step passed: the knee is above the last rate)'}`,
  );
  const knee = kneeOf(steps) as (typeof steps)[number] | undefined;
  const out: Measurement[] = [
    { figure: 'knee.max_msgs_per_s', value: knee?.ratePerS ?? 0 },
    { figure: 'knee.p99_at_max_ms', value: knee?.p99Ms ?? NaN },
  ];
  if (rows)
    out.push(
      { figure: 'knee.answered_at_max', value: knee?.answered ?? NaN },
      { figure: 'knee.persisted_at_max', value: knee?.persisted ?? NaN },
    );
  return out;
}

export const knee: Scenario = {
  name: 'knee',
  describe: (scale) =>
    `highest MeterValues rate with CALLRESULT p99 <= ${KNEE_P99_LIMIT_MS} ms and none unanswered: ${kneeRates(scale).map(fmt).join(', ')}/s offered in turn over ${fmt(Math.max(LOADERS, Math.round(CHARGERS * scale)))} charging chargers from ${LOADERS} load processes, ${WINDOW_MS / 1000} s measured after ${WARMUP_MS / 1000} s warm-up each (${FIRST_WARMUP_MS / 1000} s for the first)`,
  runCapMs: 150_000,
  figures: {
    'knee.max_msgs_per_s': { unit: 'msg/s', better: 'higher' },
    'knee.p99_at_max_ms': { unit: 'ms', better: 'lower' },
    'knee.answered_at_max': { unit: 'msgs', better: 'higher' },
    'knee.persisted_at_max': { unit: 'msgs', better: 'higher' },
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
