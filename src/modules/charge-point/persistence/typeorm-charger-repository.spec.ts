import type { EventBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  testDialects,
} from '../../../../test/helpers/databases.js';
import type { ChargePointEvent } from '../../../common/contracts/charge-point-events.js';
import {
  dataSourceOptions,
  initialiseDataSource,
} from '../../../infrastructure/database/data-source.factory.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { Transaction } from '../domain/transaction.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';
import { ConnectorEntity } from './connector.entity.js';
import { MeterValueSampleEntity } from './meter-value-sample.entity.js';
import { TransactionEventSeqNoEntity } from './transaction-event-seq-no.entity.js';
import { TransactionEntity } from './transaction.entity.js';
import { TypeOrmChargerRepository } from './typeorm-charger-repository.js';
import { UnmatchedStopTransactionEntity } from './unmatched-stop-transaction.entity.js';

const dialects = await testDialects();

const aStart = (chargePointId: string, connectorId = 1) =>
  Transaction.start({
    chargePointId,
    connectorId,
    idTag: 'TAG',
    meterStartWh: 1_000,
    startedAt: new Date('2026-12-01T10:00:00Z'),
  });

describe.each(dialects)('TypeOrmChargerRepository (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let published: ChargePointEvent[];
  let chargers: TypeOrmChargerRepository;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await initialiseDataSource({
      ...dataSourceOptions({ url: db.env.DATABASE_URL, sqlitePath: db.env.SQLITE_PATH }),
      entities: [
        ChargePointEntity,
        ConnectorEntity,
        TransactionEntity,
        MeterValueSampleEntity,
        TransactionEventSeqNoEntity,
        UnmatchedStopTransactionEntity,
      ],
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    for (const entity of [
      MeterValueSampleEntity,
      TransactionEventSeqNoEntity,
      TransactionEntity,
      ConnectorEntity,
      ChargePointEntity,
    ])
      await dataSource.getRepository(entity).deleteAll();
    await dataSource.getRepository(ChargePointEntity).insert([{ id: 'CP_1' }, { id: 'CP_2' }]);
    published = [];
    const bus = { publishAll: (events: ChargePointEvent[]) => published.push(...events) };
    const uow = new ChargePointUnitOfWork(
      new TransactionRunner(dataSource),
      bus as unknown as EventBus,
    );
    chargers = new TypeOrmChargerRepository(uow, dataSource.getRepository(ChargePointEntity));
  });

  it("finds a charger's own transactions only, in a change and in a readings-only one", async () => {
    const id = await chargers.change('CP_1', (c) => c.addTransaction(aStart('CP_1')));
    for (const readingsOnly of [false, true]) {
      const own = await chargers.change('CP_1', (c) => c.findTransaction(id), { readingsOnly });
      expect(own).toMatchObject({ id, chargePointId: 'CP_1', meterStartWh: 1_000 });
      const other = await chargers.change('CP_2', (c) => c.findTransaction(id), { readingsOnly });
      expect(other).toBeNull();
    }
    const retry = await chargers.change('CP_1', (c) => c.findSameStart(aStart('CP_1')));
    expect(retry?.id).toBe(id);
  });

  it('records a seqNo once', async () => {
    const id = await chargers.change('CP_1', (c) => c.addTransaction(aStart('CP_1')));
    expect(await chargers.change('CP_1', (c) => c.recordSeqNo(id, 3))).toBe(true);
    expect(await chargers.change('CP_1', (c) => c.recordSeqNo(id, 3))).toBe(false);
    expect(await chargers.change('CP_1', (c) => c.recordSeqNo(id, 4))).toBe(true);
  });

  it('frees a connector only while the stopped transaction still holds it', async () => {
    const [first, second] = await chargers.change('CP_1', async (c) => {
      const a = await c.addTransaction(aStart('CP_1'));
      await c.startOnConnector(1, a);
      const b = await c.addTransaction({ ...aStart('CP_1'), idTag: 'OTHER' });
      await c.startOnConnector(1, b);
      return [a, b];
    });
    await chargers.change('CP_1', (c) => c.freeConnector(1, first));
    const connectors = dataSource.getRepository(ConnectorEntity);
    expect(await connectors.findOneBy({ chargePointId: 'CP_1', connectorId: 1 })).toMatchObject({
      transactionId: second,
    });
    await chargers.change('CP_1', (c) => c.freeConnector(1, second));
    expect(await connectors.findOneBy({ chargePointId: 'CP_1', connectorId: 1 })).toMatchObject({
      transactionId: null,
      energyWh: null,
    });
  });

  it('writes readings with the batch, without touching the status, and stamps the events', async () => {
    await chargers.change('CP_1', async (c) => {
      const { connector } = await c.connector(1);
      await c.saveConnectorStatus(1, { ...connector, status: 'Charging', vendorErrorCode: null });
    });
    const at = '2026-12-01T10:05:00.000Z';
    await chargers.change(
      'CP_1',
      async (c, emit) => {
        const latest = c.addMeterValues(1, null, [
          {
            timestamp: at,
            sampledValue: [{ value: '7.5', measurand: 'Power.Active.Import', unit: 'kW' }],
          },
        ]);
        expect(latest?.reading.powerW).toBe(7_500);
        const { connector, created } = await c.connector(1);
        expect(created).toBe(false);
        c.saveLiveMeter(connector, { ...connector, powerW: 7_500, meterAt: new Date(at) });
        emit('MeterValues', {
          connectorId: 1,
          transactionId: null,
          powerW: 7_500,
          energyWh: null,
          sampledAt: at,
        });
      },
      { readingsOnly: true },
    );
    const row = await dataSource
      .getRepository(ConnectorEntity)
      .findOneByOrFail({ chargePointId: 'CP_1', connectorId: 1 });
    expect(row).toMatchObject({ status: 'Charging', powerW: 7_500 });
    expect(
      await dataSource.getRepository(MeterValueSampleEntity).countBy({ chargePointId: 'CP_1' }),
    ).toBe(1);
    expect(published.map((e) => [e.name, e.seq])).toEqual([['MeterValues', 1]]);
  });

  it('loads a charger with its connectors in order, and none once removed', async () => {
    await chargers.change('CP_1', async (c) => {
      await c.connector(2);
      await c.connector(1);
    });
    const loaded = await chargers.change('CP_1', (c) => c.loadCharger());
    expect(loaded).toMatchObject({ id: 'CP_1', connectorCount: 2 });
    expect(loaded?.connectors.map((c) => c.connectorId)).toEqual([1, 2]);
    await dataSource.getRepository(ChargePointEntity).delete('CP_2');
    expect(await chargers.change('CP_2', (c) => c.loadCharger())).toBeNull();
  });

  it('records when a charger was last heard from', async () => {
    const at = new Date('2026-12-01T12:00:00Z');
    await chargers.recordSeen('CP_2', at);
    const row = await dataSource.getRepository(ChargePointEntity).findOneByOrFail({ id: 'CP_2' });
    expect(row.lastSeenAt?.getTime()).toBe(at.getTime());
  });
});
