import { connectChargers, startCharging, type ChargerClient } from './charger-client.js';
import type { ConnectOrder, Loaded, LoadOrder, Order, Reply } from './load-protocol.js';
import { sourceAddress } from './load-protocol.js';
import { chargerClock, meterValuesRequest } from './meter-values.js';
import { answeredIn, latenciesDueIn, openLoop } from './open-loop.js';
import { RunContext } from './run-context.js';

// A load worker: a child process of the bench that holds a share of the chargers and offers its
// share of an open-loop load when told (load-protocol.ts). One process cannot offer 10,000
// MeterValues/s on this machine, nor hold 50,000 sockets under a 20,000 `ulimit -n`.
// It exits on `stop` and when the bench goes away.

const ctx = new RunContext(1, new Set());
const chargers: ChargerClient[] = [];
let clock: ((index: number) => number) | undefined;
let energy = new Float64Array(0);

const reply = (r: Reply) => process.send?.(r);

async function connect(o: ConnectOrder): Promise<void> {
  const into: ChargerClient[] = [];
  const { retries } = await connectChargers(
    ctx,
    o.wsUrl,
    o.prefix,
    o.from,
    o.to,
    o.concurrency,
    into,
    o.charging ? startCharging : undefined,
    (i) => (o.perSourceAddress > 0 ? sourceAddress(i, o.perSourceAddress) : undefined),
  );
  for (let i = o.from; i < o.to; i++) chargers.push(into[i]);
  clock = chargerClock(chargers.length);
  energy = new Float64Array(chargers.length);
  reply({ type: 'connected', retries, open: chargers.filter((c) => c.open).length });
}

async function load(o: LoadOrder): Promise<void> {
  const next = clock ?? chargerClock(chargers.length);
  const r = await openLoop(ctx, {
    chargers,
    ratePerS: o.ratePerS,
    durationMs: o.warmupMs + o.windowMs,
    action: o.action,
    payload: (i) =>
      o.action === 'MeterValues'
        ? meterValuesRequest(chargers[i].transactionId, 7200, (energy[i] += 2), next(i))
        : {},
    drainMs: o.drainMs,
  });
  const from = r.startedAt + o.warmupMs;
  const to = from + o.windowMs;
  const { latencies, unanswered } = latenciesDueIn(r, from, to);
  const epoch = (t: number) => performance.timeOrigin + t;
  const loaded: Loaded = {
    type: 'loaded',
    latencies: Float64Array.from(latencies),
    unanswered,
    answeredInWindow: answeredIn(r, from, to),
    answered: r.answeredAt.length,
    errors: r.errors,
    startedAtEpochMs: epoch(r.startedAt),
    endedAtEpochMs: epoch(r.endedAt),
  };
  reply(loaded);
}

async function stop(): Promise<void> {
  ctx.abort('stopped');
  await ctx.cleanup();
  process.exit(0);
}

process.on('message', (order: Order) => {
  const work =
    order.type === 'connect' ? connect(order) : order.type === 'load' ? load(order) : stop();
  work.catch((err: unknown) =>
    reply({ type: 'failed', message: (err as Error).message.split('\n')[0] }),
  );
});
process.on('disconnect', () => void stop());
