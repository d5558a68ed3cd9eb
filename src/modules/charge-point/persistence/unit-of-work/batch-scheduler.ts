/** Runs a batch; calls `executed` once its last statement but the commit has been sent. */
export type ExecuteBatch<T> = (batch: T[], executed: () => void) => Promise<void>;

export interface BatchLimits {
  /** items in one batch at most (bounds the statements' parameters) */
  maxBatch: number;
  /** batches between their first statement and their commit's answer, at most */
  maxInFlight: number;
}

// Gathers the items due at the same time into batches. One batch at a time runs its statements;
// the next one gathers what arrives meanwhile and starts as soon as the previous one has sent its
// last statement, without waiting for that commit (a flush to disk) while fewer than
// `maxInFlight` batches are uncommitted: commits overlap, statements do not, batches stay large.
export class BatchScheduler<T> {
  private queue: T[] = [];
  private scheduled = false;
  /** A batch is running its statements. */
  private executing = false;
  /** Batches not yet committed (or failed). */
  private inFlight = 0;

  constructor(
    private readonly execute: ExecuteBatch<T>,
    private readonly limits: BatchLimits,
  ) {}

  submit(item: T): void {
    this.queue.push(item);
    this.schedule();
  }

  private get blocked(): boolean {
    return this.executing || this.inFlight >= this.limits.maxInFlight || this.queue.length === 0;
  }

  // After the current I/O callbacks, so that items due in the same turn join one batch.
  private schedule(): void {
    if (this.scheduled || this.blocked) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.blocked) this.start(this.queue.splice(0, this.limits.maxBatch));
    });
  }

  private start(batch: T[]): void {
    this.executing = true;
    this.inFlight++;
    const executed = () => {
      if (!this.executing) return;
      this.executing = false;
      this.schedule();
    };
    void this.execute(batch, executed)
      .catch(() => undefined) // the executor answers its items; nothing may stop the queue
      .finally(() => {
        this.inFlight--;
        executed();
        this.schedule();
      });
  }
}
