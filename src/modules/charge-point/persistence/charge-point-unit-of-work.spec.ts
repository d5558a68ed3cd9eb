import type { EventBus } from '@nestjs/cqrs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../test/helpers/databases.js';
import type { ChargePointEvent } from '../../../common/contracts/charge-point-events.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { connectorKey, connectorMeters, connectorsByKey } from './batch-rows.js';
import type { BatchRead } from './batch-scope.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';
import { ConnectorEntity } from './connector.entity.js';
import { MeterValueSampleEntity } from './meter-value-sample.entity.js';
import { meterSampleRows } from './meter-samples.js';
import { TransactionEntity } from './transaction.entity.js';

const dialects = await testDialects();

// Counts the transactions it opens: units due together must share one.
class CountingRunner extends TransactionRunner {
  opened = 0;
  override run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    this.opened++;
    return super.run(work);
  }
}

const status = (connectorId: number) =>
  ({ connectorId, status: 'Charging', errorCode: 'NoError' }) as const;

describe.each(dialects)('ChargePointUnitOfWork (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let runner: CountingRunner;
  let published: ChargePointEvent[];
  let uow: ChargePointUnitOfWork;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db, [
      ChargePointEntity,
      ConnectorEntity,
      TransactionEntity,
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
    runner = new CountingRunner(dataSource);
    published = [];
    const bus = { publishAll: (events: ChargePointEvent[]) => published.push(...events) };
    uow = new ChargePointUnitOfWork(runner, bus as unknown as EventBus);
  });

  const lastSeqs = async () =>
    Object.fromEntries(
      (await dataSource.getRepository(ChargePointEntity).find({ order: { id: 'ASC' } })).map(
        (cp) => [cp.id, cp.lastSeq],
      ),
    );
  const seqsOf = (id: string) => published.filter((e) => e.chargePointId === id).map((e) => e.seq);

  it("commits different chargers' units due together in one transaction, each with its seqs", async () => {
    await Promise.all([
      uow.run('CP_1', async (_m, emit) => {
        emit('ConnectorStatusChanged', status(1));
        emit('ConnectorStatusChanged', status(2));
      }),
      uow.run('CP_2', async (_m, emit) => emit('ChargePointOnline', { reconnected: false })),
      uow.run('CP_3', async () => undefined),
    ]);
    expect(runner.opened).toBe(1);
    expect(seqsOf('CP_1')).toEqual([1, 2]);
    expect(seqsOf('CP_2')).toEqual([1]);
    expect(await lastSeqs()).toEqual({ CP_1: 2, CP_2: 1, CP_3: 0 });

    await uow.run('CP_1', async (_m, emit) => emit('ChargePointOnline', { reconnected: true }));
    expect(seqsOf('CP_1')).toEqual([1, 2, 3]);
  });

  it("publishes one charger's racing units in the order they were asked for", async () => {
    await Promise.all(
      [1, 2, 3].map((n) =>
        uow.run('CP_1', async (_m, emit) => {
          // the first unit is the slowest: it must still come first
          await new Promise((r) => setTimeout(r, 30 - n * 10));
          emit('ConnectorStatusChanged', status(n));
        }),
      ),
    );
    expect(seqsOf('CP_1')).toEqual([1, 2, 3]);
    expect(published.map((e) => (e.data as { connectorId: number }).connectorId)).toEqual([
      1, 2, 3,
    ]);
  });

  it('fails a bad unit alone, with its own error, and keeps the others and their deferred rows', async () => {
    const sample = (chargePointId: string) => ({
      chargePointId,
      connectorId: 1,
      transactionId: null,
      sampledAt: new Date('2026-11-25T10:00:00Z'),
      measurand: 'Power.Active.Import',
      value: 7000,
      unit: 'W',
      rawValue: '7000',
    });
    const results = await Promise.allSettled([
      uow.run('CP_1', async (m, emit, batch) => {
        await m.update(ChargePointEntity, 'CP_1', { online: true });
        batch.defer(meterSampleRows, [sample('CP_1')]);
        emit('ChargePointOnline', { reconnected: false });
        return 'one';
      }),
      uow.run('CP_2', async (m, emit, batch) => {
        await m.update(ChargePointEntity, 'CP_2', { online: true });
        batch.defer(meterSampleRows, [sample('CP_2')]);
        emit('ChargePointOnline', { reconnected: false });
        throw new Error('bad unit');
      }),
      uow.run('CP_GONE', async (_m, emit) => emit('ChargePointOnline', { reconnected: false })),
      uow.run('CP_3', async (_m, emit) => emit('ChargePointOnline', { reconnected: false })),
    ]);
    // the batch, then once more with each unit in its own savepoint: two transactions, not 1 + 4
    expect(runner.opened).toBe(2);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'one' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'bad unit' } });
    expect(results[2]).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringContaining('CP_GONE') },
    });
    expect(results[3].status).toBe('fulfilled');
    expect(published.map((e) => `${e.chargePointId}:${e.seq}`).sort()).toEqual([
      'CP_1:1',
      'CP_3:1',
    ]);
    expect(await lastSeqs()).toEqual({ CP_1: 1, CP_2: 0, CP_3: 1 });
    const cps = await dataSource.getRepository(ChargePointEntity).find({ order: { id: 'ASC' } });
    expect(cps.map((cp) => cp.online)).toEqual([true, false, false]);
    const samples = await dataSource.getRepository(MeterValueSampleEntity).find();
    expect(samples.map((s) => s.chargePointId)).toEqual(['CP_1']);
  });

  it('reads the keys of all units in one query and writes deferred meters without undoing other columns', async () => {
    await dataSource
      .getRepository(ConnectorEntity)
      .insert(['CP_1', 'CP_2', 'CP_3'].map((id) => ({ chargePointId: id, connectorId: 1 })));
    const reads: (readonly string[])[] = [];
    const counted: BatchRead<string, ConnectorEntity> = {
      read: (m, keys) => {
        reads.push(keys);
        return connectorsByKey.read(m, keys);
      },
    };
    await Promise.all(
      ['CP_1', 'CP_2', 'CP_3'].map((id, i) =>
        uow.run(id, async (m, _emit, batch) => {
          const connector = await batch.load(counted, connectorKey(id, 1));
          if (!connector) throw new Error(`no connector for ${id}`);
          // written after the read, before the deferred write: must survive it
          await m.update(
            ConnectorEntity,
            { chargePointId: id, connectorId: 1 },
            { status: 'Faulted' },
          );
          batch.defer(connectorMeters, [{ ...connector, powerW: 1000 * (i + 1), energyWh: 5 }]);
        }),
      ),
    );
    expect(reads).toHaveLength(1);
    expect([...reads[0]].sort()).toEqual(['CP_1', 'CP_2', 'CP_3'].map((id) => connectorKey(id, 1)));
    const connectors = await dataSource
      .getRepository(ConnectorEntity)
      .find({ order: { chargePointId: 'ASC' } });
    expect(connectors.map((c) => [c.chargePointId, c.powerW, c.energyWh, c.status])).toEqual([
      ['CP_1', 1000, 5, 'Faulted'],
      ['CP_2', 2000, 5, 'Faulted'],
      ['CP_3', 3000, 5, 'Faulted'],
    ]);
  });

  it("keeps a charger's memo across keepsMemo units only, and only when their batch commits", async () => {
    const remember = (value: string) =>
      uow.run('CP_1', async (_m, _e, batch) => batch.memo('CP_1').set('k', value), {
        keepsMemo: true,
      });
    const recall = (keepsMemo: boolean) =>
      uow.run('CP_1', async (_m, _e, batch) => batch.memo('CP_1').get<string>('k'), {
        keepsMemo,
      });

    await remember('a');
    expect(await recall(true)).toBe('a');
    // any other unit of the charger (here: one that may change what the memo holds) drops it
    expect(await recall(false)).toBeUndefined();
    expect(await recall(true)).toBeUndefined();

    await remember('b');
    const failed = uow.run(
      'CP_1',
      async (_m, _e, batch) => {
        batch.memo('CP_1').set('k', 'uncommitted');
        throw new Error('rolled back');
      },
      { keepsMemo: true },
    );
    await expect(failed).rejects.toThrow('rolled back');
    expect(await recall(true)).toBe('b');
    // another charger's memo is its own
    expect(
      await uow.run('CP_2', async (_m, _e, batch) => batch.memo('CP_2').get('k'), {
        keepsMemo: true,
      }),
    ).toBeUndefined();
  });
});
