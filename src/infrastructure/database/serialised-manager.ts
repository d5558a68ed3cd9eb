import type { EntityManager, QueryRunner } from 'typeorm';

// Work that runs side by side in one transaction (the units of a batch) shares one connection.
// `pg` still queues a query sent while another runs, but deprecates it (pg 9 drops it), so the
// manager handed to such work sends its queries one at a time. It is a second manager over a
// wrapper of the transaction's runner, not a change of TypeORM's objects: the runner itself
// (and the transaction's own manager) stay as they are, and the transaction still starts,
// commits and rolls back on the real runner.

/** A manager over the same transaction as `manager` whose queries wait for one another. */
export function serialisedManager(manager: EntityManager): EntityManager {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('serialisedManager needs a manager bound to a transaction');
  // the EntityManager constructor assigns itself as the runner's `manager`: onto the wrapper
  return manager.dataSource.createEntityManager(serialisedRunner(runner));
}

/** The runner's methods and state, but `query` queued behind the previous one. */
export function serialisedRunner(runner: QueryRunner): QueryRunner {
  let tail: Promise<unknown> = Promise.resolve();
  const query = (...args: Parameters<QueryRunner['query']>): Promise<unknown> => {
    const next = tail.then(() => runner.query(...args));
    tail = next.catch(() => undefined);
    return next;
  };
  // what is set on the wrapper (TypeORM sets `manager`) stays on the wrapper
  const own = new Map<PropertyKey, unknown>([['query', query]]);
  const bound = new WeakMap<object, unknown>();
  return new Proxy(runner, {
    get(target, key) {
      if (own.has(key)) return own.get(key);
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      // the runner's own methods run on the runner (its state lives there)
      if (!bound.has(value)) bound.set(value, (value as (...a: unknown[]) => unknown).bind(target));
      return bound.get(value);
    },
    set(_target, key, value) {
      own.set(key, value);
      return true;
    },
    has(target, key) {
      return own.has(key) || Reflect.has(target, key);
    },
  });
}
