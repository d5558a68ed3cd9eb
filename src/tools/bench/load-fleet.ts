import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConnectOrder, Connected, Loaded, LoadOrder, Order, Reply } from './load-protocol.js';
import { kill, spawnNode } from './processes.js';
import type { RunContext } from './run-context.js';

// The load generator spread over child processes (load-worker.ts): each holds a contiguous
// share of the chargers and offers the matching share of the rate. Every wait is bounded (a
// timeout, the run's abort, a worker's exit), and the workers are killed when the run ends.

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

export interface FleetLoad {
  latencies: number[];
  unanswered: number;
  answeredInWindow: number;
  answered: number;
  errors: number;
  startedAtEpochMs: number;
  endedAtEpochMs: number;
}

export class LoadFleet {
  private shares: Array<{ from: number; to: number }> = [];

  private constructor(
    private readonly ctx: RunContext,
    private readonly workers: ChildProcess[],
  ) {}

  /** Starts `count` workers, each allowed `fdLimit` descriptors (up to the hard limit). */
  static start(ctx: RunContext, count: number, fdLimit?: number): LoadFleet {
    const workers = Array.from({ length: count }, () => {
      const child = spawnNode([WORKER], {
        env: { PATH: process.env.PATH ?? '' },
        fdLimit,
        ipc: true,
      });
      // the pipes are always read (a full pipe would block the worker)
      child.stdout?.resume();
      child.stderr?.resume();
      ctx.defer(() => kill(child));
      ctx.defer(() => child.connected && child.send({ type: 'stop' } satisfies Order));
      return child;
    });
    return new LoadFleet(ctx, workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Connects (and boots) chargers 0..n-1, split in contiguous shares. */
  async connect(
    o: Omit<ConnectOrder, 'type' | 'from' | 'to'> & { count: number },
    timeoutMs: number,
  ): Promise<{ retries: number; open: number }> {
    const { count, ...rest } = o;
    const k = this.workers.length;
    this.shares = this.workers.map((_, w) => ({
      from: Math.floor((count * w) / k),
      to: Math.floor((count * (w + 1)) / k),
    }));
    const replies = await Promise.all(
      this.workers.map((child, w) => {
        const order: ConnectOrder = { ...rest, type: 'connect', ...this.shares[w] };
        return this.ask<Connected>(child, order, 'connected', timeoutMs);
      }),
    );
    return {
      retries: replies.reduce((a, r) => a + r.retries, 0),
      open: replies.reduce((a, r) => a + r.open, 0),
    };
  }

  /** One open-loop step, the rate split by each worker's share of the chargers. */
  async load(o: Omit<LoadOrder, 'type'>): Promise<FleetLoad> {
    const total = this.shares.reduce((a, s) => a + s.to - s.from, 0);
    const timeoutMs = o.warmupMs + o.windowMs + o.drainMs + 10_000;
    const replies = await Promise.all(
      this.workers.map((child, w) => {
        const share = (this.shares[w].to - this.shares[w].from) / total;
        const order: LoadOrder = { ...o, type: 'load', ratePerS: o.ratePerS * share };
        return this.ask<Loaded>(child, order, 'loaded', timeoutMs);
      }),
    );
    const latencies: number[] = [];
    for (const r of replies) for (const l of r.latencies) latencies.push(l);
    const sum = (f: (r: Loaded) => number) => replies.reduce((a, r) => a + f(r), 0);
    return {
      latencies,
      unanswered: sum((r) => r.unanswered),
      answeredInWindow: sum((r) => r.answeredInWindow),
      answered: sum((r) => r.answered),
      errors: sum((r) => r.errors),
      startedAtEpochMs: Math.min(...replies.map((r) => r.startedAtEpochMs)),
      endedAtEpochMs: Math.max(...replies.map((r) => r.endedAtEpochMs)),
    };
  }

  private ask<T extends Reply>(
    child: ChildProcess,
    order: Order,
    expected: T['type'],
    timeoutMs: number,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (err?: Error, reply?: T) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        this.ctx.signal.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve(reply as T);
      };
      const onMessage = (r: Reply) => {
        if (r.type === 'failed') done(new Error(`load worker: ${r.message}`));
        else if (r.type === expected) done(undefined, r as T);
      };
      const onExit = (code: number | null) => done(new Error(`load worker exited (${code})`));
      const onAbort = () => done(this.ctx.signal.reason as Error);
      const timer = setTimeout(
        () => done(new Error(`load worker: no '${expected}' within ${timeoutMs} ms`)),
        timeoutMs,
      );
      if (this.ctx.signal.aborted) return onAbort();
      child.on('message', onMessage);
      child.once('exit', onExit);
      this.ctx.signal.addEventListener('abort', onAbort, { once: true });
      child.send(order);
    });
  }
}
