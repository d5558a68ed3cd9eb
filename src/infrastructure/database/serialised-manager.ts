import type { EntityManager, QueryRunner } from 'typeorm';

// Work that runs side by side in one transaction (the units of a batch) shares one connection.
// `pg` still queues a query sent while another runs, but deprecates it (pg 9 drops it), so the
// manager handed to such work sends its queries one at a time. It is a second manager over a
// wrapper of the transaction's runner, not a change of TypeORM's objects: the runner itself
// (and the transaction's own manager) stay as they are, and the transaction still starts,
// commits and rolls back on the real runner.

export interface SerialisedManager {
  /** A manager over the same transaction whose queries wait for one another. */
  readonly manager: EntityManager;
  /**
   * Resolves once every query sent through `manager` has been answered: await it before the
   * transaction ends, so that its COMMIT or ROLLBACK never overtakes a query still queued (work
   * that failed early may have left a sibling's query behind).
   */
  drained(): Promise<void>;
}

export interface SerialisedOptions {
  /** Runs once, in turn, before the first query sent through the manager (a lazy BEGIN). */
  beforeFirstQuery?: () => Promise<void>;
}

export function serialisedManager(
  manager: EntityManager,
  options: SerialisedOptions = {},
): SerialisedManager {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('serialisedManager needs a manager bound to a query runner');
  const serial = new SerialQueries(runner, options.beforeFirstQuery);
  // the EntityManager constructor assigns itself as the runner's `manager`: onto the wrapper
  return {
    manager: manager.dataSource.createEntityManager(serial.runner),
    drained: () => serial.drained(),
  };
}

class SerialQueries {
  private tail: Promise<unknown> = Promise.resolve();
  private started?: Promise<void>;
  readonly runner: QueryRunner;

  constructor(
    target: QueryRunner,
    private readonly before?: () => Promise<void>,
  ) {
    this.runner = wrap(target, (...args) => {
      const next = this.tail.then(() => this.ready()).then(() => target.query(...args));
      this.tail = next.catch(() => undefined);
      return next;
    });
  }

  // the hook runs when the first query's turn comes; if it failed, every query fails with it
  private ready(): Promise<void> {
    if (!this.before) return Promise.resolve();
    return (this.started ??= this.before());
  }

  async drained(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.tail;
      await seen;
    } while (seen !== this.tail);
  }
}

/** The runner's methods and state, but `query`. */
function wrap(
  target: QueryRunner,
  query: (...args: Parameters<QueryRunner['query']>) => Promise<unknown>,
): QueryRunner {
  // what is set on the wrapper (TypeORM sets `manager`) stays on the wrapper
  const own = new Map<PropertyKey, unknown>([['query', query]]);
  const bound = new WeakMap<object, unknown>();
  return new Proxy(target, {
    get(runner, key) {
      if (own.has(key)) return own.get(key);
      const value: unknown = Reflect.get(runner, key, runner);
      if (typeof value !== 'function') return value;
      // the runner's own methods run on the runner (its state lives there)
      if (!bound.has(value)) bound.set(value, (value as (...a: unknown[]) => unknown).bind(runner));
      return bound.get(value);
    },
    set(_runner, key, value) {
      own.set(key, value);
      return true;
    },
    has(runner, key) {
      return own.has(key) || Reflect.has(runner, key);
    },
  });
}
