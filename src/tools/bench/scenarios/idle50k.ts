import { deploy, type Target } from '../deployments.js';
import { LoadFleet } from '../load-fleet.js';
import { hardFdLimit } from '../machine.js';
import { rssBytes } from '../proc.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario, sqliteAgainstBaseline } from '../scenario.js';
import { percentile } from '../stats.js';
import { settle } from './idle.js';

// 50,000 idle chargers on one node: the server's RSS growth per connected, booted charger, and
// the Heartbeat p99 while they are all connected (1,000 Heartbeats/s spread over them).
// One socket per charger on each side: the server is started with `ulimit -n` raised (as far as
// the hard limit allows), the chargers are held by load workers of at most PER_WORKER sockets
// each, and every PER_SOURCE_ADDRESS chargers use the next loopback source address
// (127.0.0.1, .2, ...) so that the ephemeral ports of one address do not run out.

const CHARGERS = 50_000;
const PER_WORKER = 15_000;
const PER_SOURCE_ADDRESS = 20_000;
const FD_MARGIN = 1000;
const HEARTBEATS_PER_S = 1000;
const WARMUP_MS = 1000;
const WINDOW_MS = 5000;

/** Chargers at --scale, capped by what `ulimit -Hn` lets the server hold. */
export function idle50kChargers(scale: number, hardLimit = hardFdLimit()): number {
  return Math.max(10, Math.min(Math.round(CHARGERS * scale), hardLimit - FD_MARGIN));
}

async function run(ctx: RunContext, target: Target): Promise<Measurement[]> {
  const n = idle50kChargers(ctx.scale);
  if (n < Math.round(CHARGERS * ctx.scale))
    ctx.notes.add(
      `idle50k: ulimit -Hn is ${hardFdLimit()}: at most ${fmt(n)} chargers on one server (raise the hard limit, e.g. LimitNOFILE or ulimit -Hn as root, for ${fmt(CHARGERS * ctx.scale)})`,
    );
  const d = await deploy(ctx, { target, db: 'sqlite', fdLimit: n + FD_MARGIN });
  const pid = d.chargerSide.pid;
  ctx.mark('server up');
  const fleet = LoadFleet.start(ctx, Math.ceil(n / PER_WORKER), PER_WORKER + FD_MARGIN);
  await settle(ctx, pid);
  const rss0 = rssBytes(pid);
  const { retries, open } = await fleet.connect(
    {
      wsUrl: d.chargerSide.wsUrl,
      prefix: 'IDLE50K',
      count: n,
      concurrency: Math.ceil(200 / fleet.size),
      charging: false,
      perSourceAddress: PER_SOURCE_ADDRESS,
    },
    ctx.count(240_000, 30_000),
  );
  if (retries > 0) ctx.notes.add(`idle50k (${target}): ${retries} connection(s) retried`);
  if (open !== n) throw new Error(`idle50k: ${open} of ${n} chargers connected`);
  ctx.mark(`${fmt(n)} chargers booted`);
  await settle(ctx, pid);
  const rssPerCharger = (rssBytes(pid) - rss0) / n;
  const r = await fleet.load({
    action: 'Heartbeat',
    ratePerS: ctx.count(HEARTBEATS_PER_S, 10),
    warmupMs: WARMUP_MS,
    windowMs: WINDOW_MS,
    drainMs: 3000,
  });
  ctx.mark('heartbeats sent and answered');
  if (r.unanswered > 0)
    ctx.notes.add(
      `idle50k ${target}: ${r.unanswered} Heartbeat(s) unanswered (counted with the time waited)`,
    );
  const point = `${fmt(n)} chargers`;
  return [
    { figure: 'idle50k.rss_per_charger_bytes', point, value: rssPerCharger },
    { figure: 'idle50k.heartbeat_p99_ms', point, value: percentile(r.latencies, 99) },
  ];
}

export const idle50k: Scenario = {
  name: 'idle50k',
  describe: (scale) =>
    `RSS growth per idle charger at ${fmt(idle50kChargers(scale))} chargers on one server (held by load processes of <= ${fmt(PER_WORKER)} sockets, ${fmt(PER_SOURCE_ADDRESS)} per loopback source address), then Heartbeat p99 at ${fmt(Math.max(10, Math.round(HEARTBEATS_PER_S * scale)))}/s over them`,
  runCapMs: 360_000,
  figures: {
    'idle50k.rss_per_charger_bytes': { unit: 'B', better: 'lower' },
    'idle50k.heartbeat_p99_ms': { unit: 'ms', better: 'lower' },
  },
  cases: sqliteAgainstBaseline(run),
};
