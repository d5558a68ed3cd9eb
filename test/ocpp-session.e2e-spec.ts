import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { ConnectorEntity } from '../src/modules/charge-point/persistence/connector.entity.js';
import { MeterValueSampleEntity } from '../src/modules/charge-point/persistence/meter-value-sample.entity.js';
import { TransactionEntity } from '../src/modules/charge-point/persistence/transaction.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { recordEvents } from './helpers/events.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';

const dialects = await testDialects();

describe.each(dialects)('a whole OCPP 1.6J charging session (%s)', (dialect) => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    t = await startApp(dialect, {
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      // the id tag store's answers have their own suite (id-tags)
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
      OCPP_HEARTBEAT_INTERVAL_S: '42',
    });
    events = recordEvents(t.app);
  });
  afterAll(() => t.close());

  it('answers every call as the spec says and stores what the charger reported', async () => {
    const cp = await connectCharger(t.wsUrl, 'CP_SESSION_1');
    try {
      const boot = await cp.call('BootNotification', aBootNotificationRequest());
      expect(boot).toMatchObject({ status: 'Accepted', interval: 42 });
      expect(Date.parse(boot.currentTime)).not.toBeNaN();

      const hb = await cp.call('Heartbeat', {});
      expect(Date.parse(hb.currentTime)).not.toBeNaN();

      for (const connectorId of [0, 1, 2]) {
        expect(
          await cp.call('StatusNotification', aStatusNotificationRequest({ connectorId })),
        ).toEqual({});
      }
      expect(await cp.call('Authorize', { idTag: 'TAG1' })).toEqual({
        idTagInfo: { status: 'Accepted' },
      });

      const start = await cp.call(
        'StartTransaction',
        aStartTransactionRequest({ meterStart: 1000 }),
      );
      expect(start.idTagInfo).toEqual({ status: 'Accepted' });
      expect(Number.isInteger(start.transactionId)).toBe(true);

      await cp.call(
        'StatusNotification',
        aStatusNotificationRequest({ connectorId: 1, status: 'Charging' }),
      );
      expect(
        await cp.call('MeterValues', aMeterValuesRequest({ transactionId: start.transactionId })),
      ).toEqual({});

      const stop = await cp.call(
        'StopTransaction',
        aStopTransactionRequest(start.transactionId, { meterStop: 2530 }),
      );
      expect(stop).toEqual({ idTagInfo: { status: 'Accepted' } });
      expect(await cp.call('DataTransfer', { vendorId: 'ACME' })).toEqual({
        status: 'UnknownVendorId',
      });
      expect(await cp.call('FirmwareStatusNotification', { status: 'Installed' })).toEqual({});
      expect(await cp.call('DiagnosticsStatusNotification', { status: 'Uploaded' })).toEqual({});

      const m = t.dataSource.manager;
      const chargePoint = await m.findOneByOrFail(ChargePointEntity, { id: 'CP_SESSION_1' });
      expect(chargePoint).toMatchObject({
        vendor: 'ACME',
        model: 'X1',
        firmwareVersion: '1.2.3',
        connectorCount: 2,
        online: true,
        ownerId: null,
        stationStatus: 'Available',
        firmwareStatus: 'Installed',
        diagnosticsStatus: 'Uploaded',
      });
      const connectors = await m.find(ConnectorEntity, {
        where: { chargePointId: 'CP_SESSION_1' },
        order: { connectorId: 'ASC' },
      });
      expect(connectors.map((c) => c.connectorId)).toEqual([1, 2]);
      expect(connectors[0]).toMatchObject({ status: 'Charging', transactionId: null, powerW: 0 });

      const tx = await m.findOneByOrFail(TransactionEntity, { id: start.transactionId });
      expect(tx).toMatchObject({
        chargePointId: 'CP_SESSION_1',
        connectorId: 1,
        idTag: 'TAG1',
        meterStartWh: 1000,
        meterStopWh: 2530,
        stopReason: 'EVDisconnected',
      });
      expect(tx.startedAt.toISOString()).toBe('2026-11-25T09:40:00.000Z');
      expect(tx.stoppedAt?.toISOString()).toBe('2026-11-25T10:40:00.000Z');

      const samples = await m.find(MeterValueSampleEntity, {
        where: { chargePointId: 'CP_SESSION_1' },
        order: { measurand: 'ASC' },
      });
      expect(
        samples.map((s) => [s.measurand, s.unit, s.value, s.rawValue, s.transactionId]),
      ).toEqual([
        ['Energy.Active.Import.Register', 'Wh', 2530, '2.53', start.transactionId],
        ['Power.Active.Import', 'W', 7200, '7.2', start.transactionId],
      ]);
    } finally {
      await cp.close();
    }
  });

  it('publishes the contract events with a seq that grows by one', async () => {
    const names = events.of('CP_SESSION_1').map((e) => e.name);
    expect(names).toEqual(
      [
        'ChargePointOnline',
        'ChargePointBooted',
        'ConnectorStatusChanged',
        'ConnectorStatusChanged',
        'ConnectorStatusChanged',
        'TransactionStarted',
        'ConnectorStatusChanged',
        'MeterValues',
        'TransactionStopped',
        // the socket closed at the end of the previous test
        'ChargePointOffline',
      ].slice(0, names.length),
    );
    await events.waitFor(
      (e) => e.chargePointId === 'CP_SESSION_1' && e.name === 'ChargePointOffline',
    );
    const all = events.of('CP_SESSION_1');
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const meter = all.find((e) => e.name === 'MeterValues');
    expect(meter?.data).toMatchObject({ connectorId: 1, powerW: 7200, energyWh: 1530 });
    const stopped = all.find((e) => e.name === 'TransactionStopped');
    expect(stopped?.data).toMatchObject({
      meterStopWh: 2530,
      energyWh: 1530,
      reason: 'EVDisconnected',
    });
    expect(all.at(-1)?.data).toEqual({ reason: 'closed' });
    const chargePoint = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, {
      id: 'CP_SESSION_1',
    });
    expect(chargePoint).toMatchObject({ online: false, lastSeq: all.length });
  });
});
