import { Agent, request } from 'node:http';
import { connectChargers, type ChargerClient } from '../charger-client.js';
import { deploy, type Target } from '../deployments.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, oneAndTwoInstances, type Scenario } from '../scenario.js';
import { percentile } from '../stats.js';

// Remote commands: 200 connected chargers, 50 commands a second (clear-cache, round robin over
// the chargers, open loop) sent over REST; the latency is from the request's send to its
// answer, the charger's CALLRESULT included (the bench's chargers answer at once). Through one
// instance, and across two over Redis: the REST calls go to B, the chargers are held by A.
// PostgreSQL (every command is recorded).

const CHARGERS = 200;
const RATE_PER_S = 50;
const WARMUP_MS = 1500;
const WINDOW_MS = 8000;
const DRAIN_MS = 5000;

function post(agent: Agent, url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end('{}');
  });
}

async function run(ctx: RunContext, target: Target, instances: 1 | 2): Promise<Measurement[]> {
  const d = await deploy(ctx, { target, db: 'postgres', instances });
  const n = ctx.count(CHARGERS);
  const chargers: ChargerClient[] = [];
  ctx.mark('servers up');
  await connectChargers(ctx, d.chargerSide.wsUrl, 'CMD', 0, n, 50, chargers);
  await ctx.sleep(500); // presence of the chargers known to instance B
  ctx.mark('chargers booted');

  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  ctx.defer(() => agent.destroy());
  const total = Math.round(((WARMUP_MS + WINDOW_MS) / 1000) * RATE_PER_S);
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  const inFlight: Array<Promise<void>> = [];
  const startedAt = performance.now();
  const windowFrom = startedAt + WARMUP_MS;
  // bounded: `total` commands, each at its planned time (open loop: a slow answer delays none)
  for (let k = 0; k < total; k++) {
    const due = startedAt + (k * 1000) / RATE_PER_S;
    const wait = due - performance.now();
    if (wait > 0) await ctx.sleep(wait);
    const id = chargers[k % n].id;
    const url = `${d.userSide.httpUrl}/api/v1/charge-points/${id}/commands/clear-cache`;
    const sent = performance.now();
    inFlight.push(
      post(agent, url, d.token).then((status) => {
        if (status !== 200) failures.set(status, (failures.get(status) ?? 0) + 1);
        else if (sent >= windowFrom) latencies.push(performance.now() - sent);
      }),
    );
  }
  ctx.mark('commands sent');
  let drained: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(inFlight),
    new Promise((r) => (drained = setTimeout(r, DRAIN_MS))),
  ]);
  clearTimeout(drained);
  ctx.mark('answers awaited');
  const expected = Math.round((WINDOW_MS / 1000) * RATE_PER_S);
  if (failures.size > 0)
    ctx.notes.add(
      `commands (${target}, ${instances} instance(s)): answers other than 200: ${JSON.stringify(Object.fromEntries(failures))}`,
    );
  // an unanswered command counts as the worst latency
  const all = [
    ...latencies,
    ...Array<number>(Math.max(0, expected - latencies.length)).fill(Infinity),
  ];
  return [
    { figure: 'commands.p50_ms', value: percentile(all, 50) },
    { figure: 'commands.p99_ms', value: percentile(all, 99) },
  ];
}

export const commands: Scenario = {
  name: 'commands',
  describe: (scale) =>
    `REST command -> charger -> REST answer: ${fmt(Math.max(1, Math.round(CHARGERS * scale)))} chargers, ${RATE_PER_S} commands/s, ${WINDOW_MS / 1000} s measured; PostgreSQL`,
  figures: {
    'commands.p50_ms': { unit: 'ms', better: 'lower' },
    'commands.p99_ms': { unit: 'ms', better: 'lower' },
  },
  cases: (() => {
    const { voltline, baseline } = oneAndTwoInstances(run);
    return [...voltline, ...baseline];
  })(),
};
