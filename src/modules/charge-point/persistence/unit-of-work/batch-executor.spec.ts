import { jest } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../../test/helpers/databases.js';
import { connectionOf, watchConcurrency } from '../../../../../test/helpers/query-concurrency.js';
import { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { chargePointsById, connectorMeters } from '../batch-rows.js';
import { ChargePointEntity } from '../charge-point.entity.js';
import { ConnectorEntity } from '../connector.entity.js';
import { MeterValueSampleEntity } from '../meter-value-sample.entity.js';
import { meterSampleRows } from '../meter-samples.js';
import { BatchExecutor } from './batch-executor.js';
import { ChargerMemos } from './charger-memos.js';
import { SeqStamper } from './seq-stamper.js';
import type { ChargerUnit, UnitOfWork } from './unit.js';

const dialects = await testDialects();

// Counts its transactions, and watches how many queries each had on its connection at once.
class WatchedRunner extends TransactionRunner {
  opened = 0;
  maxConcurrentQueries = 0;
  constructor(
    dataSource: DataSource,
    private readonly dialect: string,
  ) {
    super(dataSource);
  }
  /** statements sent on connections of their own (onConnection) */
  outsideQueries: string[] = [];
  override async onConnection<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return super.onConnection(async (m) => {
      const connection = connectionOf(m.queryRunner!, this.dialect);
      const query = connection.query;
      const spy = jest.spyOn(connection, 'query').mockImplementation((...args: unknown[]) => {
        const sql = args[0];
        this.outsideQueries.push(typeof sql === 'string' ? sql : (sql as { text: string }).text);
        return query.apply(connection, args);
      });
      try {
        return await work(m);
      } finally {
        spy.mockRestore();
      }
    });
  }

  // watched until the transaction has committed or rolled back
  override async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    this.opened++;
    let watch: ReturnType<typeof watchConcurrency> | undefined;
    try {
      return await super.run((m) => {
        watch = watchConcurrency(connectionOf(m.queryRunner!, this.dialect));
        return work(m);
      });
    } finally {
      watch?.restore();
      this.maxConcurrentQueries = Math.max(this.maxConcurrentQueries, watch?.seen.max ?? 0);
    }
  }
}

const unit = <T>(chargePointId: string, work: UnitOfWork<T>, keepsMemo = false): ChargerUnit => ({
  chargePointId,
  work,
  keepsMemo,
});

describe.each(dialects)('BatchExecutor (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let runner: WatchedRunner;
  let memos: ChargerMemos;
  let executor: BatchExecutor;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db, [
      ChargePointEntity,
      ConnectorEntity,
      MeterValueSampleEntity,
    ]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await dataSource.getRepository(MeterValueSampleEntity).deleteAll();
    await dataSource.getRepository(ConnectorEntity).deleteAll();
    await dataSource.getRepository(ChargePointEntity).deleteAll();
    await dataSource
      .getRepository(ChargePointEntity)
      .insert(['CP_1', 'CP_2', 'CP_3'].map((id) => ({ id })));
    runner = new WatchedRunner(dataSource, dialect);
    memos = new ChargerMemos(100);
    executor = new BatchExecutor(runner, memos, new SeqStamper());
  });

  const vendorOf = async (id: string) =>
    (await dataSource.getRepository(ChargePointEntity).findOneByOrFail({ id })).vendor;

  it('runs units side by side on one transaction without concurrent queries on its connection', async () => {
    const outcomes = await executor.execute(
      ['CP_1', 'CP_2', 'CP_3'].map((id) =>
        unit(id, async (m, emit, batch) => {
          const [cp] = await Promise.all([
            batch.load(chargePointsById, id),
            m.update(ChargePointEntity, id, { vendor: `V_${id}` }),
            m.findOneBy(ChargePointEntity, { id }),
          ]);
          emit('ChargePointOnline', { reconnected: false });
          return cp?.id;
        }),
      ),
    );
    expect(runner.opened).toBe(1);
    expect(outcomes.map((o) => o.committed && o.result)).toEqual(['CP_1', 'CP_2', 'CP_3']);
    expect(runner.maxConcurrentQueries).toBe(1);
    expect(await vendorOf('CP_2')).toBe('V_CP_2');
  });

  it('fails a bad unit alone after the savepoint retry, and commits the others', async () => {
    const outcomes = await executor.execute([
      unit('CP_1', async (m, emit) => {
        await m.update(ChargePointEntity, 'CP_1', { vendor: 'kept' });
        emit('ChargePointOnline', { reconnected: false });
        return 'one';
      }),
      unit('CP_2', async (m) => {
        await m.update(ChargePointEntity, 'CP_2', { vendor: 'undone' });
        throw new Error('bad unit');
      }),
      unit('CP_3', async (m) => {
        // a failing statement: the transaction is unusable until its savepoint is rolled back
        await m.query('SELECT * FROM no_such_table');
      }),
    ]);
    expect(runner.opened).toBe(2);
    expect(outcomes[0]).toMatchObject({ committed: true, result: 'one' });
    expect(outcomes[0].committed && outcomes[0].events.map((e) => e.seq)).toEqual([1]);
    expect(outcomes[1]).toMatchObject({ committed: false, error: { message: 'bad unit' } });
    expect(outcomes[2]).toMatchObject({ committed: false });
    expect(await vendorOf('CP_1')).toBe('kept');
    expect(await vendorOf('CP_2')).toBeNull();
    expect(runner.maxConcurrentQueries).toBe(1);
  });

  it('lets no COMMIT or ROLLBACK overtake a query a failing unit left queued', async () => {
    const outcomes = await executor.execute([
      unit('CP_1', async (m) => {
        await Promise.all([m.query('SELECT 1'), Promise.reject(new Error('early'))]);
      }),
      // sends nothing itself: the batch fails while CP_1's SELECT is still queued
      unit('CP_2', async (_m, emit) => emit('ChargePointOnline', { reconnected: false })),
    ]);
    expect(outcomes.map((o) => o.committed)).toEqual([false, true]);
    expect(runner.opened).toBe(2);
    expect(runner.maxConcurrentQueries).toBe(1);
  });

  it('drops the memo of a unit that may change it, and keeps what a unit stages only on commit', async () => {
    const stage = (id: string, value: string, fail = false) =>
      unit(
        id,
        async (_m, _e, batch) => {
          batch.memo(id).set('k', value);
          if (fail) throw new Error('rolled back');
        },
        true,
      );
    await executor.execute([stage('CP_1', 'a'), stage('CP_2', 'b')]);
    expect(memos.get('CP_1')?.get('k')).toBe('a');

    // the batch fails as a whole, then CP_2's unit alone: CP_1's new value is kept, CP_2's not
    await executor.execute([stage('CP_1', 'a2'), stage('CP_2', 'b2', true)]);
    expect(memos.get('CP_1')?.get('k')).toBe('a2');
    expect(memos.get('CP_2')?.get('k')).toBe('b');

    // a unit that does not keep the memo drops it before it runs, even when it fails
    await executor.execute([
      unit('CP_1', async () => {
        throw new Error('failed');
      }),
    ]);
    expect(memos.get('CP_1')).toBeUndefined();
    expect(memos.get('CP_2')?.get('k')).toBe('b');
  });

  // a readings-only unit (MeterValues): defers a sample and its connector's live meter, emits
  const reading = (chargePointId: string, powerW: number, liveMeter = true) =>
    unit(
      chargePointId,
      async (_m, emit, batch) => {
        batch.defer(meterSampleRows, [
          {
            chargePointId,
            connectorId: 1,
            transactionId: null,
            sampledAt: new Date('2026-12-02T10:00:00Z'),
            measurand: 'Power.Active.Import',
            value: powerW,
            unit: 'W',
            rawValue: String(powerW),
          },
        ]);
        if (liveMeter) {
          batch.defer(connectorMeters, [
            { chargePointId, connectorId: 1, powerW } as ConnectorEntity,
          ]);
        }
        emit('ChargePointOnline', { reconnected: false });
        return powerW;
      },
      true,
    );
  const samplesOf = async () =>
    (
      await dataSource
        .getRepository(MeterValueSampleEntity)
        .find({ order: { chargePointId: 'ASC' } })
    ).map((s) => [s.chargePointId, s.value]);
  const lastSeqs = async () =>
    (await dataSource.getRepository(ChargePointEntity).find({ order: { id: 'ASC' } })).map(
      (cp) => cp.lastSeq,
    );

  if (dialect === 'postgres') {
    it('writes and stamps a readings-only batch as one statement, without a transaction', async () => {
      await dataSource
        .getRepository(ConnectorEntity)
        .insert(
          ['CP_1', 'CP_2'].map((id) => ({ chargePointId: id, connectorId: 1, status: 'Charging' })),
        );
      const outcomes = await executor.execute([reading('CP_1', 7000), reading('CP_2', 11000)]);
      expect(outcomes.map((o) => o.committed && o.result)).toEqual([7000, 11000]);
      expect(outcomes.map((o) => o.committed && o.events.map((e) => e.seq))).toEqual([[1], [1]]);
      expect(runner.opened).toBe(0);
      expect(runner.outsideQueries).toHaveLength(1); // no BEGIN, no COMMIT
      expect(runner.outsideQueries[0]).toMatch(/^WITH /);
      expect(await samplesOf()).toEqual([
        ['CP_1', 7000],
        ['CP_2', 11000],
      ]);
      const connectors = await dataSource
        .getRepository(ConnectorEntity)
        .find({ order: { chargePointId: 'ASC' } });
      expect(connectors.map((c) => [c.chargePointId, c.powerW, c.status])).toEqual([
        ['CP_1', 7000, 'Charging'],
        ['CP_2', 11000, 'Charging'],
      ]);
      expect(await lastSeqs()).toEqual([1, 1, 0]);
    });
  }

  it("keeps nothing of a readings-only batch's first try when a charger is gone, and the others' rows once", async () => {
    const outcomes = await executor.execute([
      reading('CP_1', 7000),
      // no connector row (its foreign key would fail first): only the stamping sees it is gone
      reading('CP_GONE', 1, false),
      reading('CP_3', 3000),
    ]);
    expect(outcomes[0]).toMatchObject({ committed: true, result: 7000 });
    expect(outcomes[1]).toMatchObject({
      committed: false,
      error: { message: expect.stringContaining('CP_GONE') },
    });
    expect(outcomes[2]).toMatchObject({ committed: true, result: 3000 });
    expect(await samplesOf()).toEqual([
      ['CP_1', 7000],
      ['CP_3', 3000],
    ]);
    expect(await lastSeqs()).toEqual([1, 0, 1]);
    expect(runner.opened).toBe(dialect === 'postgres' ? 1 : 2);
  });

  it("keeps nothing of a readings-only unit's own queries when its batch fails", async () => {
    let tries = 0;
    const outcomes = await executor.execute([
      unit(
        'CP_1',
        async (m) => {
          // a memo miss: this unit reads and writes by itself, on its first try only
          if (tries++ === 0) await m.update(ChargePointEntity, 'CP_1', { vendor: 'first try' });
        },
        true,
      ),
      unit(
        'CP_2',
        async (_m, _emit, batch) => {
          // measurand is NOT NULL: the batch's writes fail
          batch.defer(meterSampleRows, [
            { chargePointId: 'CP_2', connectorId: 1, sampledAt: new Date(), rawValue: '1' },
          ]);
        },
        true,
      ),
    ]);
    expect(outcomes.map((o) => o.committed)).toEqual([true, false]);
    expect(tries).toBe(2);
    expect(await vendorOf('CP_1')).toBeNull();
    expect(await samplesOf()).toEqual([]);
  });
});
