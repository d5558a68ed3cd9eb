import type { EventBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../test/helpers/databases.js';
import type { ChargePointEvent } from '../../../common/contracts/charge-point-events.js';
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
    dataSource = await migratedDataSource(db, [
      ChargePointEntity,
      ConnectorEntity,
      TransactionEntity,
      MeterValueSampleEntity,
      TransactionEventSeqNoEntity,
      UnmatchedStopTransactionEntity,
    ]);
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
    const tx = new TransactionRunner(dataSource);
    const uow = new ChargePointUnitOfWork(tx, bus as unknown as EventBus);
    chargers = new TypeOrmChargerRepository(uow, dataSource.getRepository(ChargePointEntity), tx);
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

  const row = (id: string) => dataSource.getRepository(ChargePointEntity).findOneByOrFail({ id });

  it('records when a charger was last heard from', async () => {
    const at = new Date('2026-12-01T12:00:00Z');
    await chargers.recordSeen('CP_2', at);
    const row = await dataSource.getRepository(ChargePointEntity).findOneByOrFail({ id: 'CP_2' });
    expect(row.lastSeenAt?.getTime()).toBe(at.getTime());
  });

  it('marks chargers online with the version they speak, then offline once', async () => {
    const connect = (id: string, version: string) =>
      chargers.change(id, async (c, emit) => {
        c.markOnline(version);
        emit('ChargePointOnline', { reconnected: false });
      });
    await Promise.all([connect('CP_1', '2.0.1'), connect('CP_2', '1.6')]);
    expect(await row('CP_1')).toMatchObject({ online: true, ocppVersion: '2.0.1' });
    expect(await row('CP_2')).toMatchObject({ online: true, ocppVersion: '1.6' });
    expect((await chargers.listOnline()).sort()).toEqual(['CP_1', 'CP_2']);

    const at = new Date('2026-12-01T12:00:00Z');
    expect(await chargers.change('CP_1', (c) => c.markOffline(at))).toBe(true);
    expect(await chargers.change('CP_1', (c) => c.markOffline(at))).toBe(false);
    expect((await row('CP_1')).lastSeenAt?.getTime()).toBe(at.getTime());
    // without a time (a lost instance) it stays last seen when it was
    const seen = (await row('CP_2')).lastSeenAt;
    expect(seen).not.toBeNull();
    expect(await chargers.change('CP_2', (c) => c.markOffline())).toBe(true);
    expect((await row('CP_2')).lastSeenAt).toEqual(seen);
    expect(await chargers.listOnline()).toEqual([]);
  });

  it("changes a charger's owner and password, and removes it once", async () => {
    expect(await chargers.change('CP_1', (c) => c.loadOwnership())).toEqual({ ownerId: null });
    await chargers.change('CP_1', async (c) => {
      await c.changePassword('hash');
    });
    expect(await row('CP_1')).toMatchObject({ ownerId: null, passwordHash: 'hash' });
    expect(await chargers.change('CP_1', (c) => c.remove())).toBe(true);
    expect(await chargers.change('CP_1', (c) => c.remove())).toBe(false);
    expect(await chargers.change('CP_1', (c) => c.loadOwnership())).toBeNull();
  });

  it('configures a connector, created the first time', async () => {
    await chargers.change('CP_1', async (c) => {
      await c.connector(2);
      await c.saveConnectorConfiguration(2, { type: 'CCS', maxPowerW: 50_000, maxCurrentA: null });
    });
    const connector = await dataSource
      .getRepository(ConnectorEntity)
      .findOneByOrFail({ chargePointId: 'CP_1', connectorId: 2 });
    expect(connector).toMatchObject({ type: 'CCS', maxPowerW: 50_000, status: 'Unknown' });
    expect((await row('CP_1')).connectorCount).toBe(2);
  });

  it('registers a charger with its connectors once', async () => {
    const charger = {
      id: 'CP_NEW',
      ownerId: null,
      passwordHash: 'hash',
      securityProfile: 2 as const,
      connectors: [1, 3].map((connectorId) => ({
        connectorId,
        type: 'Type2',
        maxPowerW: 22_000,
        maxCurrentA: 32,
      })),
    };
    expect(await chargers.register(charger)).toBe(true);
    expect(await chargers.register(charger)).toBe(false);
    expect(await row('CP_NEW')).toMatchObject({ connectorCount: 3, securityProfile: 2 });
    const loaded = await chargers.change('CP_NEW', (c) => c.loadCharger());
    expect(loaded?.connectors.map((c) => c.connectorId)).toEqual([1, 3]);
  });

  it("publishes a stored-nothing event in the charger's seq order", async () => {
    await chargers.change('CP_1', async (_c, emit) =>
      emit('ChargePointOnline', { reconnected: false }),
    );
    await chargers.publish('CP_1', 'CommandSent', {
      commandId: 'c1',
      command: 'Reset',
      requestedBy: 'admin',
    });
    expect(published.map((e) => [e.name, e.seq])).toEqual([
      ['ChargePointOnline', 1],
      ['CommandSent', 2],
    ]);
  });

  it('records the firmware and diagnostics status', async () => {
    await chargers.recordFirmwareStatus('CP_1', 'firmware', 'Installing');
    await chargers.recordFirmwareStatus('CP_1', 'diagnostics', 'Uploaded');
    expect(await row('CP_1')).toMatchObject({
      firmwareStatus: 'Installing',
      diagnosticsStatus: 'Uploaded',
    });
  });
});
