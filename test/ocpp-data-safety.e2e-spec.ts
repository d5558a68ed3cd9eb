import { ConnectorEntity } from '../src/modules/charge-point/persistence/connector.entity.js';
import { MeterValueSampleEntity } from '../src/modules/charge-point/persistence/meter-value-sample.entity.js';
import { TransactionEntity } from '../src/modules/charge-point/persistence/transaction.entity.js';
import { UnmatchedStopTransactionEntity } from '../src/modules/charge-point/persistence/unmatched-stop-transaction.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { recordEvents } from './helpers/events.js';
import {
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';

const dialects = await testDialects();

describe.each(dialects)('OCPP data safety (%s)', (dialect) => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;
  let cp: OcppTestClient;
  const ID = 'CP_SAFE';
  const count = (entity: Parameters<TestApp['dataSource']['manager']['count']>[0]) =>
    t.dataSource.manager.count(entity, { where: { chargePointId: ID } });

  beforeAll(async () => {
    // the id tag store's answers have their own suite (id-tags)
    t = await startApp(dialect, {
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
    });
    events = recordEvents(t.app);
    cp = await connectCharger(t.wsUrl, ID);
  });
  afterAll(async () => {
    await cp.close();
    await t.close();
  });

  it('gives a retried StartTransaction the same id and creates no second row', async () => {
    const req = aStartTransactionRequest({
      connectorId: 1,
      meterStart: 500,
      timestamp: '2026-11-20T08:00:00.123Z',
    });
    const first = await cp.call('StartTransaction', req);
    const retry = await cp.call('StartTransaction', req);
    expect(retry.transactionId).toBe(first.transactionId);
    expect(await count(TransactionEntity)).toBe(1);
    expect(events.of(ID).filter((e) => e.name === 'TransactionStarted')).toHaveLength(1);

    // a different start (another timestamp) is a new transaction
    const other = await cp.call('StartTransaction', {
      ...req,
      connectorId: 2,
      timestamp: '2026-11-20T08:05:00.000Z',
    });
    expect(other.transactionId).not.toBe(first.transactionId);
  });

  it('stops a transaction once when StopTransaction is retried', async () => {
    const { transactionId } = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({
        connectorId: 3,
        meterStart: 0,
        timestamp: '2026-11-20T09:00:00.000Z',
      }),
    );
    const stop = aStopTransactionRequest(transactionId, {
      meterStop: 900,
      transactionData: [
        {
          timestamp: '2026-11-20T09:30:00.000Z',
          sampledValue: [{ value: '450', measurand: 'Energy.Active.Import.Register' }],
        },
      ],
    });
    expect(await cp.call('StopTransaction', stop)).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await cp.call('StopTransaction', { ...stop, meterStop: 999 })).toEqual({
      idTagInfo: { status: 'Accepted' },
    });
    const tx = await t.dataSource.manager.findOneByOrFail(TransactionEntity, { id: transactionId });
    expect(tx.meterStopWh).toBe(900);
    const stopped = events.of(ID).filter((e) => e.name === 'TransactionStopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0].data).toMatchObject({
      transactionId,
      energyWh: 900,
      reason: 'EVDisconnected',
    });
    const samples = await t.dataSource.manager.findBy(MeterValueSampleEntity, { transactionId });
    expect(samples.map((s) => [s.value, s.sampledAt.toISOString()])).toEqual([
      [450, '2026-11-20T09:30:00.000Z'],
    ]);
  });

  it('answers a StopTransaction for an unknown id (or -1) and keeps it for reconciliation', async () => {
    for (const transactionId of [987654, -1]) {
      const stop = aStopTransactionRequest(transactionId, { meterStop: 1234 });
      expect(await cp.call('StopTransaction', stop)).toEqual({ idTagInfo: { status: 'Accepted' } });
      await cp.call('StopTransaction', stop); // a retry keeps one row
    }
    const kept = await t.dataSource.manager.find(UnmatchedStopTransactionEntity, {
      where: { chargePointId: ID },
      order: { transactionId: 'ASC' },
    });
    expect(kept.map((k) => [k.transactionId, k.meterStopWh, k.reason])).toEqual([
      [-1, 1234, 'EVDisconnected'],
      [987654, 1234, 'EVDisconnected'],
    ]);
    expect(events.of(ID).filter((e) => e.name === 'TransactionStopped')).toHaveLength(1);
  });

  it('stores offline replays by the charger timestamps without rolling live state back', async () => {
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({
        connectorId: 4,
        status: 'Charging',
        timestamp: '2026-11-25T12:00:00.000Z',
      }),
    );
    // a late replay of an older status: stored nowhere as current, no event
    const before = events.of(ID).length;
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({
        connectorId: 4,
        status: 'Available',
        timestamp: '2026-11-25T11:00:00.000Z',
      }),
    );
    const connector = await t.dataSource.manager.findOneByOrFail(ConnectorEntity, {
      chargePointId: ID,
      connectorId: 4,
    });
    expect(connector.status).toBe('Charging');
    expect(events.of(ID).length).toBe(before);

    const newer = aMeterValuesRequest({
      connectorId: 4,
      meterValue: [
        {
          timestamp: '2026-11-25T12:00:00.000Z',
          sampledValue: [{ value: '11000', measurand: 'Power.Active.Import', unit: 'W' }],
        },
      ],
    });
    const older = aMeterValuesRequest({
      connectorId: 4,
      meterValue: [
        {
          timestamp: '2026-11-25T10:00:00.000Z',
          sampledValue: [{ value: '3000', measurand: 'Power.Active.Import', unit: 'W' }],
        },
        {
          timestamp: '2026-11-25T10:01:00.000Z',
          sampledValue: [{ value: '3100', measurand: 'Power.Active.Import', unit: 'W' }],
        },
      ],
    });
    await cp.call('MeterValues', newer);
    await cp.call('MeterValues', older);
    const after = await t.dataSource.manager.findOneByOrFail(ConnectorEntity, {
      chargePointId: ID,
      connectorId: 4,
    });
    expect(after.powerW).toBe(11000);
    const samples = await t.dataSource.manager.find(MeterValueSampleEntity, {
      where: { chargePointId: ID, connectorId: 4 },
      order: { sampledAt: 'ASC' },
    });
    expect(samples.map((s) => [s.sampledAt.toISOString(), s.value])).toEqual([
      ['2026-11-25T10:00:00.000Z', 3000],
      ['2026-11-25T10:01:00.000Z', 3100],
      ['2026-11-25T12:00:00.000Z', 11000],
    ]);
  });

  it('answers InternalError (never a CALLRESULT) when the write fails, and recovers', async () => {
    const seqBefore = events.of(ID).length;
    await t.dataSource.query('ALTER TABLE meter_value_samples RENAME TO meter_value_samples_away');
    try {
      await expect(
        cp.call('MeterValues', aMeterValuesRequest({ connectorId: 5 })),
      ).rejects.toMatchObject({
        rpcErrorCode: 'InternalError',
      });
      // the socket stays usable and nothing of the failed call was kept
      expect((await cp.call('Heartbeat', {})).currentTime).toEqual(expect.any(String));
      expect(
        await t.dataSource.manager.countBy(ConnectorEntity, { chargePointId: ID, connectorId: 5 }),
      ).toBe(0);
      expect(events.of(ID).length).toBe(seqBefore);
    } finally {
      await t.dataSource.query(
        'ALTER TABLE meter_value_samples_away RENAME TO meter_value_samples',
      );
    }
    // the charger's retry goes through once the database is back
    expect(await cp.call('MeterValues', aMeterValuesRequest({ connectorId: 5 }))).toEqual({});
    expect(
      await t.dataSource.manager.countBy(ConnectorEntity, { chargePointId: ID, connectorId: 5 }),
    ).toBe(1);
  });
});
