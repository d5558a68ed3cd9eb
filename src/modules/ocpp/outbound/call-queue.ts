import { DomainError } from '../../../common/errors/domain-error.js';

/** The charger already has as many commands in flight and waiting as it may have. */
export class CallQueueFullError extends DomainError {
  constructor(max: number) {
    super('rate_limited', `This charger already has ${max} commands in flight or waiting`);
  }
}

// OCPP-J allows one outstanding CALL per connection: the calls to one charger run one after
// another, in the order they came, and at most `max` of them are in flight or waiting.
export class CallQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private size = 0;

  constructor(private readonly max: number) {}

  /** Runs `work` once every call queued before it has ended; full: CallQueueFullError. */
  push<T>(work: () => Promise<T>): Promise<T> {
    if (this.size >= this.max) return Promise.reject(new CallQueueFullError(this.max));
    this.size++;
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run.finally(() => this.size--);
  }

  get length(): number {
    return this.size;
  }
}
