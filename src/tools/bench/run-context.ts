// One run of one case: its scale, its abort signal (the run's time cap, SIGINT) and what must be
// undone when it ends (servers killed, sockets closed, databases dropped), last in first out.
export class RunContext {
  private readonly controller = new AbortController();
  private readonly cleanups: Array<() => unknown> = [];
  private lastMark = performance.now();

  constructor(
    readonly scale: number,
    /** remarks worth printing with the results (deduplicated by the runner) */
    readonly notes: Set<string>,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: string): void {
    this.controller.abort(new Error(reason));
  }

  /** Throws if the run was aborted. */
  check(): void {
    this.signal.throwIfAborted();
  }

  /** With BENCH_VERBOSE=1: prints how long the run's last phase took (no per-message logging). */
  mark(phase: string): void {
    const now = performance.now();
    if (process.env.BENCH_VERBOSE === '1')
      process.stdout.write(`    ${phase}: ${((now - this.lastMark) / 1000).toFixed(1)} s\n`);
    this.lastMark = now;
  }

  /** A count scaled down by --scale, never below `min`. */
  count(n: number, min = 1): number {
    return Math.max(min, Math.round(n * this.scale));
  }

  defer(cleanup: () => unknown): void {
    this.cleanups.push(cleanup);
  }

  /** Runs every cleanup (each bounded to 20 s), newest first; never throws. */
  async cleanup(): Promise<void> {
    while (this.cleanups.length > 0) {
      const cleanup = this.cleanups.pop() as () => unknown;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(cleanup),
          new Promise((r) => (timer = setTimeout(r, 20_000))),
        ]);
      } catch (err) {
        this.notes.add(`cleanup failed: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** A sleep that ends early (rejecting) when the run is aborted. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) return reject(this.signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
  async until(condition: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!condition()) {
      if (performance.now() > deadline) return false;
      await this.sleep(everyMs);
    }
    return true;
  }
}

/** Runs `work(i)` for i in 0..count-1 with at most `concurrency` at a time. */
export async function pool(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      signal.throwIfAborted();
      await work(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
