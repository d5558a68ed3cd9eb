import { connectChargers, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import { latenciesDueIn, openLoop } from '../open-loop.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario, sqliteAgainstBaseline } from '../scenario.js';
import { percentile } from '../stats.js';

// A boot storm: 5,000 chargers connect and boot at once (at most 500 handshakes and boots in
// flight from the client), while 100 chargers already connected send a Heartbeat a second each.
// boot_all_s is the time until the last BootNotification is answered; heartbeat p99 counts the
// Heartbeats due during the storm.

const STORM = 5000;
const STEADY = 100;
const IN_FLIGHT = 500;
const CAP_MS = 40_000;

async function run(ctx: RunContext, target: Target): Promise<Measurement[]> {
  const d = await deploy(ctx, { target, db: 'sqlite' });
  const steady: ChargerClient[] = [];
  const nSteady = ctx.count(STEADY);
  await connectChargers(ctx, d.chargerSide.wsUrl, 'STEADY', 0, nSteady, 50, steady);
  const stop = new AbortController();
  const heartbeats = openLoop(ctx, {
    chargers: steady,
    ratePerS: nSteady, // one a second each
    durationMs: CAP_MS,
    action: 'Heartbeat',
    payload: () => ({}),
    stop: stop.signal,
    drainMs: 5000,
  });
  heartbeats.catch(() => undefined); // awaited below; a failed storm must not leave it unhandled
  await ctx.sleep(1000);
  const stormStart = performance.now();
  const booted = connectChargers(ctx, d.chargerSide.wsUrl, 'STORM', 0, ctx.count(STORM), IN_FLIGHT);
  const { retries } = await booted.finally(() => stop.abort());
  const stormEnd = performance.now();
  if (retries > 0) ctx.notes.add(`storm (${target}): ${retries} connection(s) retried`);
  const r = await heartbeats;
  const { latencies, unanswered } = latenciesDueIn(r, stormStart, stormEnd);
  if (unanswered > 0)
    ctx.notes.add(
      `storm ${target}: ${unanswered} Heartbeat(s) unanswered (counted with the time waited)`,
    );
  return [
    { figure: 'storm.boot_all_s', value: (stormEnd - stormStart) / 1000 },
    { figure: 'storm.heartbeat_p99_ms', value: percentile(latencies, 99) },
  ];
}

export const storm: Scenario = {
  name: 'storm',
  describe: (scale) =>
    `${fmt(Math.max(1, Math.round(STORM * scale)))} chargers connect and boot at once (${IN_FLIGHT} in flight) while ${fmt(Math.max(1, Math.round(STEADY * scale)))} send 1 Heartbeat/s each`,
  figures: {
    'storm.boot_all_s': { unit: 's', better: 'lower' },
    'storm.heartbeat_p99_ms': { unit: 'ms', better: 'lower' },
  },
  cases: sqliteAgainstBaseline(run),
};
