import type { DataSource, EntityManager } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../test/helpers/databases.js';
import { connectionOf, watchConcurrency } from '../../../test/helpers/query-concurrency.js';
import { serialisedManager } from './serialised-manager.js';
import { TransactionRunner } from './transaction-runner.js';

const dialects = await testDialects();

describe.each(dialects)('serialisedManager (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionRunner;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db);
    await dataSource.query('CREATE TABLE probe (n integer)');
    tx = new TransactionRunner(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(() => dataSource.query('DELETE FROM probe'));

  // queries sent together, as the units of a batch do
  const together = (m: EntityManager) =>
    Promise.all([1, 2, 3, 4, 5].map((n) => m.query(`INSERT INTO probe (n) VALUES (${n})`)));

  const count = async () =>
    Number((await dataSource.query('SELECT COUNT(*) AS n FROM probe'))[0].n);

  it('sends the queries of work running side by side one at a time, on the same transaction', async () => {
    const max = await tx.run(async (m) => {
      const watch = watchConcurrency(connectionOf(m.queryRunner!, dialect));
      try {
        await together(serialisedManager(m).manager);
        return watch.seen.max;
      } finally {
        watch.restore();
      }
    });
    expect(max).toBe(1);
    expect(await count()).toBe(5);
  });

  // the check above can fail: the transaction's own manager sends them side by side
  it('sees queries sent side by side on the plain manager', async () => {
    const max = await tx.run(async (m) => {
      const watch = watchConcurrency(connectionOf(m.queryRunner!, dialect));
      try {
        await together(m);
        return watch.seen.max;
      } finally {
        watch.restore();
      }
    });
    expect(max).toBeGreaterThan(1);
  });

  it("leaves TypeORM's runner as it was, and commits and rolls back on it", async () => {
    await expect(
      tx.run(async (m) => {
        const runner = m.queryRunner!;
        const shared = serialisedManager(m).manager;
        expect(shared).not.toBe(m);
        expect(runner.manager).toBe(m);
        expect(Object.hasOwn(runner, 'query')).toBe(false);
        expect(shared.queryRunner!.isTransactionActive).toBe(true);
        await together(shared);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await count()).toBe(0);

    await tx.run((m) => together(serialisedManager(m).manager));
    expect(await count()).toBe(5);
  });

  // work that fails early leaves a query queued: the ROLLBACK must not overtake it
  const failEarly = (drain: boolean) => {
    let watch: ReturnType<typeof watchConcurrency> | undefined;
    const ran = tx.run(async (m) => {
      watch = watchConcurrency(connectionOf(m.queryRunner!, dialect));
      const shared = serialisedManager(m);
      try {
        await Promise.all([
          shared.manager.query('INSERT INTO probe (n) VALUES (1)'),
          Promise.reject(new Error('early')),
        ]);
      } finally {
        if (drain) await shared.drained();
      }
    });
    return ran
      .catch((err: Error) => err.message)
      .finally(() => watch?.restore())
      .then((message) => ({ message, max: watch!.seen.max }));
  };

  it('drains what failed work left queued before the transaction ends', async () => {
    expect(await failEarly(true)).toEqual({ message: 'early', max: 1 });
    expect(await count()).toBe(0);
  });

  if (dialect === 'postgres')
    it('sees the ROLLBACK overtake a queued query when nothing drains it', async () => {
      expect((await failEarly(false)).max).toBeGreaterThan(1);
    });

  it('runs beforeFirstQuery once, in turn before the first query, and fails every query if it fails', async () => {
    const order: string[] = [];
    await tx.run(async (m) => {
      const shared = serialisedManager(m, {
        beforeFirstQuery: async () => {
          order.push('before');
        },
      });
      await Promise.all(
        [1, 2].map((n) =>
          shared.manager
            .query(`INSERT INTO probe (n) VALUES (${n})`)
            .then(() => order.push(`q${n}`)),
        ),
      );
    });
    expect(order).toEqual(['before', 'q1', 'q2']);

    const failing = serialisedManager(dataSource.manager.connection.createQueryRunner().manager, {
      beforeFirstQuery: () => Promise.reject(new Error('no BEGIN')),
    });
    try {
      const sent = [1, 2].map((n) => failing.manager.query(`INSERT INTO probe (n) VALUES (${n})`));
      for (const query of sent) await expect(query).rejects.toThrow('no BEGIN');
      expect(await count()).toBe(2);
    } finally {
      await failing.manager.queryRunner!.release();
    }
  });
});
