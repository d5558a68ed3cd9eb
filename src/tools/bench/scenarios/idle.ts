import { connectChargers, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import { rssBytes } from '../proc.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario, sqliteAgainstBaseline } from '../scenario.js';
import { fdLimit } from '../machine.js';

// Server RSS growth per connected, booted, idle charger: RSS before any charger, then after
// 2,000 and after 10,000 (the same run, the second step adds 8,000), each read once the server
// has settled.

const POINTS = [2000, 10_000];
const CONCURRENCY = 200;

export function idlePoints(scale: number): number[] {
  // one socket per charger in this process, plus a margin for everything else
  const cap = fdLimit() - 500;
  return POINTS.map((n) => Math.min(cap, Math.max(10, Math.round(n * scale))));
}

async function run(ctx: RunContext, target: Target): Promise<Measurement[]> {
  const points = idlePoints(ctx.scale);
  if (points.at(-1) !== Math.round(POINTS.at(-1)! * ctx.scale))
    ctx.notes.add(`idle: ulimit -n is ${fdLimit()}: at most ${fmt(points.at(-1)!)} chargers`);
  const d = await deploy(ctx, { target, db: 'sqlite' });
  const pid = d.chargerSide.pid;
  ctx.mark('server up');
  await settle(ctx, pid);
  const rss0 = rssBytes(pid);
  const chargers: ChargerClient[] = [];
  const out: Measurement[] = [];
  let connected = 0;
  for (const n of points) {
    const { retries } = await connectChargers(
      ctx,
      d.chargerSide.wsUrl,
      'IDLE',
      connected,
      n,
      CONCURRENCY,
      chargers,
    );
    if (retries > 0) ctx.notes.add(`idle (${target}): ${retries} connection(s) retried`);
    connected = n;
    ctx.mark(`${fmt(n)} chargers booted`);
    await settle(ctx, pid);
    if (chargers.filter((c) => c?.open).length !== n)
      throw new Error(`idle: not all ${n} chargers stayed connected`);
    out.push({
      figure: 'idle.rss_per_charger_bytes',
      point: `${fmt(n)} chargers`,
      value: (rssBytes(pid) - rss0) / n,
    });
  }
  return out;
}

/** Waits until the RSS stops moving (less than 0.5% in 1 s), at most 8 s. */
export async function settle(ctx: RunContext, pid: number): Promise<void> {
  let last = rssBytes(pid);
  for (let i = 0; i < 8; i++) {
    await ctx.sleep(1000);
    const now = rssBytes(pid);
    if (Math.abs(now - last) < last * 0.005) return;
    last = now;
  }
}

export const idle: Scenario = {
  name: 'idle',
  describe: (scale) =>
    `RSS growth per idle charger (raw ws + BootNotification) at ${idlePoints(scale).map(fmt).join(' and ')} chargers`,
  figures: { 'idle.rss_per_charger_bytes': { unit: 'B', better: 'lower' } },
  cases: sqliteAgainstBaseline(run),
};
