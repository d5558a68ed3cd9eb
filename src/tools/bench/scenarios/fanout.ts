import { connectChargers, startCharging, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import { chargerClock, meterValuesRequest } from '../meter-values.js';
import { pool, type RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario, sqliteAgainstBaseline } from '../scenario.js';
import { percentile } from '../stats.js';
import { subscribedSession } from '../user-client.js';

// One charger, 1,000 sessions watching it: for each of 40 MeterValues, the time from the CALL's
// send to the moment the last of the 1,000 sessions has the event. One event at a time.

const SESSIONS = 1000;
const EVENTS = 40;
const GIVE_UP_MS = 3000;

async function run(ctx: RunContext, target: Target): Promise<Measurement[]> {
  const d = await deploy(ctx, { target, db: 'sqlite', env: { REALTIME_METER_INTERVAL_MS: '0' } });
  const chargers: ChargerClient[] = [];
  await connectChargers(ctx, d.chargerSide.wsUrl, 'FANOUT', 0, 1, 1, chargers, startCharging);
  const sessions = ctx.count(SESSIONS);
  let received = 0;
  let lastAt = 0;
  // no parsing: one event is in flight at a time, and nothing else comes meanwhile
  const onFrame = (data: Buffer, at: number) => {
    if (data.includes('"MeterValues"')) {
      received++;
      lastAt = at;
    }
  };
  await pool(
    sessions,
    100,
    () =>
      subscribedSession(ctx, d.userSide.wsUrl, d.token, 'FANOUT-0', onFrame).then(() => undefined),
    ctx.signal,
  );
  await ctx.sleep(500);
  const clock = chargerClock(1);
  const lastDelivery: number[] = [];
  let incomplete = 0;
  for (let k = 1; k <= EVENTS; k++) {
    received = 0;
    const sent = performance.now();
    const answered = chargers[0].call(
      'MeterValues',
      meterValuesRequest(chargers[0].transactionId, k, k, clock(0)),
    );
    const all = await ctx.until(() => received >= sessions, GIVE_UP_MS, 1);
    if (!(await answered)) throw new Error('fanout: MeterValues refused');
    if (!all) incomplete++;
    lastDelivery.push(all ? lastAt - sent : Infinity);
    await ctx.sleep(100);
  }
  if (incomplete > 0)
    ctx.notes.add(
      `fanout (${target}): ${incomplete} event(s) did not reach every session within ${GIVE_UP_MS} ms`,
    );
  return [{ figure: 'fanout.last_delivery_p99_ms', value: percentile(lastDelivery, 99) }];
}

export const fanout: Scenario = {
  name: 'fanout',
  describe: (scale) =>
    `one charger, ${fmt(Math.max(1, Math.round(SESSIONS * scale)))} sessions watching it, ${EVENTS} events one at a time (p99 of ${EVENTS} is their maximum)`,
  figures: { 'fanout.last_delivery_p99_ms': { unit: 'ms', better: 'lower' } },
  cases: sqliteAgainstBaseline(run),
};
