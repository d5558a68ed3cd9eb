import { connectChargers, startCharging, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import { chargerClock, meterValuesRequest } from '../meter-values.js';
import { answeredIn, openLoop } from '../open-loop.js';
import { pool, type RunContext } from '../run-context.js';
import { fmt, type Measurement, oneAndTwoInstances, type Scenario } from '../scenario.js';
import { percentile } from '../stats.js';
import { subscribedSession } from '../user-client.js';
import { freePort, subscribedMqttSession, subscribedSseSession } from '../channel-clients.js';

type Channel = 'ws' | 'sse' | 'mqtt';

// Charger to user: 1,000 charging chargers send one MeterValues a second each (1,000/s), 2,000
// user sessions watch them (two per charger); the latency is from the CALL's send to each
// session's receipt of the event it became. Single instance, or two over Redis with the
// chargers on A and the users on B; on one instance also with the sessions on the SSE stream and
// on MQTT (QoS 0) instead of /ws/users.

const CHARGERS = 1000;
const SESSIONS = 2000;
const WARMUP_MS = 1500;
const WINDOW_MS = 6000;

async function run(
  ctx: RunContext,
  target: Target,
  instances: 1 | 2,
  channel: Channel = 'ws',
): Promise<Measurement[]> {
  const mqttPort = channel === 'mqtt' ? await freePort() : undefined;
  const d = await deploy(ctx, {
    target,
    db: 'postgres',
    instances,
    env: {
      REALTIME_METER_INTERVAL_MS: '0',
      ...(mqttPort ? { MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1' } : {}),
    },
  });
  const n = ctx.count(CHARGERS);
  const sessions = ctx.count(SESSIONS);
  const rate = n; // one reading per charger per second
  const chargers: ChargerClient[] = [];
  ctx.mark('servers up');
  await connectChargers(ctx, d.chargerSide.wsUrl, 'E2E', 0, n, 100, chargers, startCharging);
  ctx.mark('chargers booted and charging');

  // send times per (charger, k): k is carried as powerW and comes back in the event
  const perCharger = Math.ceil(((WARMUP_MS + WINDOW_MS) / 1000) * (rate / n)) + 2;
  const sentAt = new Float64Array(n * perCharger).fill(NaN);
  const latencies: number[] = [];
  // the measured window: sends in it count (set when the load starts)
  const window = { from: Infinity, to: -Infinity };
  const inWindow = (t: number) => t >= window.from && t < window.to;
  const onFrame = (data: Buffer, at: number) => {
    const msg = JSON.parse(data.toString()) as {
      event?: string;
      chargePointId: string;
      data: { powerW: number };
    };
    if (msg.event !== 'MeterValues') return;
    const index = Number(msg.chargePointId.slice(msg.chargePointId.lastIndexOf('-') + 1));
    const sent = sentAt[index * perCharger + msg.data.powerW];
    if (inWindow(sent)) latencies.push(at - sent);
  };
  const open = (j: number): Promise<unknown> => {
    const id = `E2E-${j % n}`;
    if (channel === 'sse')
      return subscribedSseSession(ctx, d.userSide.httpUrl, d.token, id, onFrame);
    if (channel === 'mqtt')
      return subscribedMqttSession(ctx, `mqtt://127.0.0.1:${mqttPort}`, d.token, id, onFrame);
    return subscribedSession(ctx, d.userSide.wsUrl, d.token, id, onFrame);
  };
  await pool(sessions, 100, (j) => open(j).then(() => undefined), ctx.signal);
  await ctx.sleep(500); // Redis subscriptions of instance B in place
  ctx.mark('sessions subscribed');

  const clock = chargerClock(n);
  let expected = 0;
  window.from = performance.now() + WARMUP_MS;
  window.to = window.from + WINDOW_MS;
  const load = await openLoop(ctx, {
    chargers,
    ratePerS: rate,
    durationMs: WARMUP_MS + WINDOW_MS,
    action: 'MeterValues',
    payload: (i, k) => meterValuesRequest(chargers[i].transactionId, k, k, clock(i)),
    onSend: (i, k, at) => {
      if (k < perCharger) sentAt[i * perCharger + k] = at;
      if (inWindow(at)) expected += watchersOf(i, n, sessions);
    },
    drainMs: 3000,
  });
  ctx.mark('load sent and answered');
  const answered = answeredIn(load, window.from, window.to) / (WINDOW_MS / 1000);
  if (answered < 0.95 * rate)
    ctx.notes.add(
      `e2e ${target} (${instances} instance(s)): MeterValues answered at ${fmt(answered)}/s of ${fmt(rate)}/s offered: the server fell behind, the latency is mostly queueing`,
    );
  await ctx.until(() => latencies.length >= expected, 3000);
  ctx.mark('deliveries awaited');
  if (latencies.length < expected)
    ctx.notes.add(
      `e2e (${target}, ${instances} instance(s)): ${expected - latencies.length} of ${expected} deliveries missing`,
    );
  const all = [
    ...latencies,
    ...Array<number>(Math.max(0, expected - latencies.length)).fill(Infinity),
  ];
  return [
    { figure: 'e2e.p50_ms', value: percentile(all, 50) },
    { figure: 'e2e.p99_ms', value: percentile(all, 99) },
  ];
}

/** sessions j with j mod n = i */
const watchersOf = (i: number, n: number, sessions: number) =>
  Math.floor(sessions / n) + (i < sessions % n ? 1 : 0);

const pairs = oneAndTwoInstances((ctx, target, instances) => run(ctx, target, instances));

export const e2e: Scenario = {
  name: 'e2e',
  describe: (scale) => {
    const n = Math.max(1, Math.round(CHARGERS * scale));
    return `charger -> user latency: ${fmt(n)} chargers x 1 MeterValues/s (${fmt(n)}/s), ${fmt(Math.max(1, Math.round(SESSIONS * scale)))} sessions, ${WINDOW_MS / 1000} s measured; PostgreSQL`;
  },
  figures: {
    'e2e.p50_ms': { unit: 'ms', better: 'lower' },
    'e2e.p99_ms': { unit: 'ms', better: 'lower' },
  },
  cases: [
    ...pairs.voltline,
    {
      target: 'voltline',
      setup: 'one instance, SSE',
      baselineSetup: 'one instance',
      needs: ['postgres'],
      run: (ctx) => run(ctx, 'voltline', 1, 'sse'),
    },
    {
      target: 'voltline',
      setup: 'one instance, MQTT',
      baselineSetup: 'one instance',
      needs: ['postgres'],
      run: (ctx) => run(ctx, 'voltline', 1, 'mqtt'),
    },
    ...pairs.baseline,
  ],
};
