import WebSocket from 'ws';
import { MeterValueSampleEntity } from '../src/modules/charge-point/persistence/meter-value-sample.entity.js';
import { TransactionEntity } from '../src/modules/charge-point/persistence/transaction.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, connectCharger201, rawCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aMeterValuesRequest, aStartTransactionRequest } from './helpers/ocpp-builders.js';
import {
  aBootNotification201,
  aMeterValue201,
  aStatusNotification201,
  aTransactionEvent,
} from './helpers/ocpp201-builders.js';
import { registerChargePoint, until } from './helpers/realtime.js';
import { ADMIN, api, bearer, login, restEnv } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

// Contract sections 1 and 6: a 2.0.1 station on the same URL, its messages answered as 2.0.1
// says, and what it reports in the one charger model users see (the same events as a 1.6 one).

const dialects = await testDialects();

/** Completes a handshake and resolves with the sub-protocol the server chose. */
function negotiatedProtocol(url: string, protocols: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('handshake timed out'));
    }, 5000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws.protocol);
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(`handshake refused with ${res.statusCode}`));
    });
  });
}

const call = (id: string, action: string, payload: unknown) =>
  JSON.stringify([2, id, action, payload]);

const callError = (id: string, code: string) => [
  4,
  id,
  code,
  expect.any(String),
  expect.any(Object),
];

const isEvent = (name: string) => (m: Msg) => m.type === 'event' && m.event === name;
const meterAt = (sampledAt: string) => (m: Msg) =>
  isEvent('MeterValues')(m) && m.data.sampledAt === sampledAt;

/** The events a watcher gets up to and including the first that `last` matches. */
async function eventsUntil(u: UserSocket, last: (m: Msg) => boolean): Promise<Msg[]> {
  const seen: Msg[] = [];
  for (;;) {
    const m = await u.next((x) => x.type === 'event');
    seen.push(m);
    if (last(m)) return seen;
  }
}

describe.each(dialects)('an OCPP 2.0.1 charging station (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let n = 0;
  const nextId = () => `CP_201_${++n}`;

  beforeAll(async () => {
    t = await startApp(dialect, {
      ...restEnv,
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
      OCPP_HEARTBEAT_INTERVAL_S: '42',
      REALTIME_METER_INTERVAL_MS: '0', // every MeterValues event, in order
    });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  async function watched(id: string): Promise<UserSocket> {
    await registerChargePoint(t, admin, id);
    const u = await connectUser(t.wsUrl, admin);
    await u.request({ action: 'subscribe', chargePointId: id, id: 's' });
    return u;
  }

  const snapshot = async (id: string) =>
    (await api(t).get(`/api/v1/charge-points/${id}`).set(bearer(admin)).expect(200)).body;

  describe('the sub-protocol', () => {
    it('accepts ocpp2.0.1 alone, and prefers it when ocpp1.6 is offered too', async () => {
      const url = `${t.wsUrl}/ocpp/${nextId()}`;
      await expect(negotiatedProtocol(url, ['ocpp2.0.1'])).resolves.toBe('ocpp2.0.1');
      await expect(negotiatedProtocol(url, ['ocpp1.6', 'ocpp2.0.1'])).resolves.toBe('ocpp2.0.1');
      await expect(negotiatedProtocol(url, ['ocpp1.6'])).resolves.toBe('ocpp1.6');
    });

    it('says in the snapshot which version a charger speaks', async () => {
      const id = nextId();
      const cp201 = await connectCharger201(t.wsUrl, id);
      await cp201.call('BootNotification', aBootNotification201());
      expect((await snapshot(id)).ocppVersion).toBe('2.0.1');
      await cp201.close();

      const cp16 = await connectCharger(t.wsUrl, id);
      await cp16.call('Heartbeat', {});
      expect((await snapshot(id)).ocppVersion).toBe('1.6');
      await cp16.close();
    });

    const BAD_FRAMES: Array<[string, string, unknown[]]> = [
      // OCPP-J 2.0.1 4.2.3: "not a valid RPC Request, e.g. MessageId could not be read"
      ['text that is not JSON', 'hello', callError('-1', 'RpcFrameworkError')],
      ['an empty array', '[]', callError('-1', 'RpcFrameworkError')],
      ['an unknown action', call('a1', 'Foo', {}), callError('a1', 'NotImplemented')],
      [
        'a 1.6 action 2.0.1 does not have (StartTransaction)',
        call('a2', 'StartTransaction', aStartTransactionRequest()),
        callError('a2', 'NotImplemented'),
      ],
      [
        'an action the CSMS sends (RequestStartTransaction)',
        call('r1', 'RequestStartTransaction', {
          idToken: { idToken: 'TAG1', type: 'Central' },
          remoteStartId: 1,
        }),
        callError('r1', 'NotSupported'),
      ],
      [
        'a BootNotification without its reason',
        call('b1', 'BootNotification', { chargingStation: { model: 'X2', vendorName: 'ACME' } }),
        callError('b1', 'OccurrenceConstraintViolation'),
      ],
      [
        'a StatusNotification whose evseId is a string',
        call('s1', 'StatusNotification', aStatusNotification201({ evseId: '1' })),
        callError('s1', 'TypeConstraintViolation'),
      ],
      [
        'a TransactionEvent of an unknown eventType',
        call('t1', 'TransactionEvent', aTransactionEvent('Started', 0, { eventType: 'Begun' })),
        callError('t1', 'FormatViolation'), // what ocpp-rpc answers outside an enumeration
      ],
    ];

    it.each(BAD_FRAMES)(
      'answers %s with the 2.0.1 CALLERROR, writes nothing and stays open',
      async (_what, frame, expected) => {
        const raw = await rawCharger(t.wsUrl, nextId(), {}, ['ocpp2.0.1']);
        try {
          const before = await t.dataSource.manager.count(TransactionEntity);
          expect(await raw.request(frame)).toEqual(expected);
          expect(await raw.request(call('h', 'Heartbeat', {}))).toEqual([
            3,
            'h',
            { currentTime: expect.any(String) },
          ]);
          expect(await t.dataSource.manager.count(TransactionEntity)).toBe(before);
        } finally {
          raw.close();
        }
      },
    );
  });

  describe('the messages a station sends', () => {
    it('answers each as 2.0.1 says (the strict client checks every answer)', async () => {
      const cp = await connectCharger201(t.wsUrl, nextId());
      try {
        const boot = await cp.call('BootNotification', aBootNotification201());
        expect(boot).toMatchObject({ status: 'Accepted', interval: 42 });
        expect(Date.parse((await cp.call('Heartbeat', {})).currentTime)).not.toBeNaN();
        expect(await cp.call('StatusNotification', aStatusNotification201())).toEqual({});
        expect(
          await cp.call('Authorize', { idToken: { idToken: 'TAG1', type: 'ISO14443' } }),
        ).toEqual({ idTokenInfo: { status: 'Accepted' } });
        const at = new Date().toISOString();
        expect(
          await cp.call('MeterValues', { evseId: 1, meterValue: [aMeterValue201(at, 1.2)] }),
        ).toEqual({});
        expect(
          await cp.call('NotifyEvent', {
            generatedAt: at,
            seqNo: 0,
            eventData: [
              {
                eventId: 1,
                timestamp: at,
                trigger: 'Delta',
                actualValue: 'Occupied',
                eventNotificationType: 'HardWiredNotification',
                component: { name: 'Connector', evse: { id: 1, connectorId: 1 } },
                variable: { name: 'AvailabilityState' },
              },
            ],
          }),
        ).toEqual({});
        expect(await cp.call('NotifyReport', { requestId: 1, generatedAt: at, seqNo: 0 })).toEqual(
          {},
        );
        expect(
          await cp.call('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: at }),
        ).toEqual({});
        expect(await cp.call('FirmwareStatusNotification', { status: 'Installed' })).toEqual({});
        expect(await cp.call('LogStatusNotification', { status: 'Uploaded' })).toEqual({});
        expect(await cp.call('DataTransfer', { vendorId: 'ACME' })).toEqual({
          status: 'UnknownVendorId',
        });
        expect(
          await cp.call('NotifyEVChargingNeeds', {
            evseId: 1,
            chargingNeeds: { requestedEnergyTransfer: 'AC_three_phase' },
          }),
        ).toEqual({ status: 'Rejected' });
      } finally {
        await cp.close();
      }
    });
  });

  it("takes each EVSE's connector type and power from the station's report, not over the operator's", async () => {
    const id = nextId();
    const u = await watched(id); // connector 1 registered as Type2
    const cp = await connectCharger201(t.wsUrl, id);
    const item = (evseId: number, component: string, variable: string, value: string) => ({
      component: {
        name: component,
        evse: { id: evseId, ...(component === 'Connector' ? { connectorId: 1 } : {}) },
      },
      variable: { name: variable },
      variableAttribute: [{ type: 'Actual', value }],
      variableCharacteristics: {
        dataType: variable === 'Power' ? 'decimal' : 'OptionList',
        supportsMonitoring: false,
        ...(variable === 'Power' ? { unit: 'kW', maxLimit: 50 } : {}),
      },
    });
    try {
      expect(
        await cp.call('NotifyReport', {
          requestId: 7,
          generatedAt: new Date().toISOString(),
          seqNo: 0,
          reportData: [
            item(1, 'Connector', 'ConnectorType', 'cType1'),
            item(2, 'Connector', 'ConnectorType', 'cCCS2'),
            item(2, 'EVSE', 'Power', '0'),
          ],
        }),
      ).toEqual({});
      const configured = await u.next(isEvent('ConnectorConfigured'));
      expect(configured.data).toEqual({
        connectorId: 2,
        type: 'CCS2',
        maxPowerW: 50000,
        maxCurrentA: null,
      });
      const snap = await snapshot(id);
      expect(snap.connectors.map((c: Msg) => [c.connectorId, c.type, c.maxPowerW])).toEqual([
        [1, 'Type2', null],
        [2, 'CCS2', 50000],
      ]);
      expect(snap.connectorCount).toBe(2);
    } finally {
      u.close();
      await cp.close();
    }
  });

  describe('a whole transaction', () => {
    it('reaches a watcher as the same events a 1.6 charger gives, seqNo replays applied once', async () => {
      const id = nextId();
      const u = await watched(id);
      const cp = await connectCharger201(t.wsUrl, id);
      try {
        await cp.call('BootNotification', aBootNotification201());
        await cp.call(
          'StatusNotification',
          aStatusNotification201({
            connectorStatus: 'Occupied',
            timestamp: '2026-11-25T09:39:00.000Z',
          }),
        );
        const status = await u.next(isEvent('ConnectorStatusChanged'));
        expect(status.data).toEqual({
          connectorId: 1,
          status: 'Preparing',
          errorCode: 'NoError',
          ocppStatus: 'Occupied',
        });

        const started = await cp.call(
          'TransactionEvent',
          aTransactionEvent('Started', 0, {
            timestamp: '2026-11-25T09:40:00.000Z',
            evse: { id: 1, connectorId: 1 },
            idToken: { idToken: 'TAG1', type: 'ISO14443' },
            transactionInfo: { transactionId: 'TX-A', chargingState: 'EVConnected' },
            meterValue: [
              aMeterValue201('2026-11-25T09:40:00.000Z', 1, { context: 'Transaction.Begin' }),
            ],
          }),
        );
        expect(started).toEqual({ idTokenInfo: { status: 'Accepted' } });
        const txStarted = await u.next(isEvent('TransactionStarted'));
        expect(txStarted.data).toEqual({
          transactionId: expect.any(Number),
          connectorId: 1,
          idTag: 'TAG1',
          meterStartWh: 1000,
          startedAt: '2026-11-25T09:40:00.000Z',
          ocppTransactionId: 'TX-A',
        });
        const transactionId = txStarted.data.transactionId as number;

        const updated = aTransactionEvent('Updated', 1, {
          timestamp: '2026-11-25T09:50:00.000Z',
          triggerReason: 'ChargingStateChanged',
          transactionInfo: { transactionId: 'TX-A', chargingState: 'Charging' },
          meterValue: [aMeterValue201('2026-11-25T09:50:00.000Z', 2.53, { powerKW: 7.2 })],
        });
        expect(await cp.call('TransactionEvent', updated)).toEqual({});
        const meter = await u.next(meterAt('2026-11-25T09:50:00.000Z'));
        expect(meter.data).toEqual({
          connectorId: 1,
          transactionId,
          powerW: 7200,
          energyWh: 1530,
          sampledAt: '2026-11-25T09:50:00.000Z',
        });
        const charging = await u.next(isEvent('ConnectorStatusChanged'));
        expect(charging.data).toMatchObject({ status: 'Charging', ocppStatus: 'Charging' });

        // the station did not get our answer and sends the same event again, as an offline replay
        expect(await cp.call('TransactionEvent', { ...updated, offline: true })).toEqual({});
        // a StatusNotification "Occupied" while charging does not undo Charging
        await cp.call(
          'StatusNotification',
          aStatusNotification201({
            connectorStatus: 'Occupied',
            timestamp: '2026-11-25T09:55:00.000Z',
          }),
        );

        await cp.call(
          'TransactionEvent',
          aTransactionEvent('Ended', 2, {
            timestamp: '2026-11-25T10:40:00.000Z',
            triggerReason: 'EVCommunicationLost',
            transactionInfo: {
              transactionId: 'TX-A',
              chargingState: 'EVConnected',
              stoppedReason: 'EVDisconnected',
            },
            meterValue: [
              aMeterValue201('2026-11-25T10:40:00.000Z', 2.53, { context: 'Transaction.End' }),
            ],
          }),
        );
        const rest = await eventsUntil(u, isEvent('TransactionStopped'));
        const stopped = rest.filter((m) => m.event !== 'MeterValues');
        expect(
          stopped.map((m) => [m.event, m.data.status ?? null, m.data.ocppStatus ?? null]),
        ).toEqual([
          ['ConnectorStatusChanged', 'Charging', 'Occupied'],
          ['ConnectorStatusChanged', 'Finishing', 'EVConnected'],
          ['TransactionStopped', null, null],
        ]);
        expect(stopped[2].data).toEqual({
          transactionId,
          connectorId: 1,
          meterStopWh: 2530,
          energyWh: 1530,
          stoppedAt: '2026-11-25T10:40:00.000Z',
          reason: 'EVDisconnected',
        });

        const tx = await t.dataSource.manager.findOneByOrFail(TransactionEntity, {
          id: transactionId,
        });
        expect(tx).toMatchObject({ ocppTransactionId: 'TX-A', meterStartWh: 1000 });
        // the replayed Updated stored no second copy of its samples
        const samples = await t.dataSource.manager.countBy(MeterValueSampleEntity, {
          transactionId,
        });
        expect(samples).toBe(4); // Begin register; Updated register and power; End register

        const snap = await snapshot(id);
        expect(snap.ocppVersion).toBe('2.0.1');
        expect(snap.connectors[0]).toMatchObject({
          status: 'Finishing',
          ocppStatus: 'EVConnected',
          transaction: null,
        });
      } finally {
        u.close();
        await cp.close();
      }
    });

    it('keeps a transaction whose Started was lost, from the first event that names it', async () => {
      const id = nextId();
      const u = await watched(id);
      const cp = await connectCharger201(t.wsUrl, id);
      try {
        await cp.call(
          'TransactionEvent',
          aTransactionEvent('Updated', 3, {
            offline: true,
            evse: { id: 1 },
            transactionInfo: { transactionId: 'TX-LOST-START' },
            meterValue: [aMeterValue201('2026-11-25T09:45:00.000Z', 5)],
          }),
        );
        const started = await u.next(isEvent('TransactionStarted'));
        expect(started.data).toMatchObject({
          connectorId: 1,
          idTag: null,
          meterStartWh: 5000,
          ocppTransactionId: 'TX-LOST-START',
        });
        const snap = await snapshot(id);
        expect(snap.connectors[0].transaction).toMatchObject({
          id: started.data.transactionId,
          idTag: null, // no idToken yet, even for an admin
          ocppTransactionId: 'TX-LOST-START',
        });
        // its Ended, replayed twice, stops it once; no register: the last one it reported
        const ended = aTransactionEvent('Ended', 4, {
          offline: true,
          transactionInfo: { transactionId: 'TX-LOST-START', stoppedReason: 'PowerLoss' },
        });
        await cp.call('TransactionEvent', ended);
        await cp.call('TransactionEvent', ended);
        const stopped = await u.next(isEvent('TransactionStopped'));
        expect(stopped.data).toMatchObject({ meterStopWh: 5000, energyWh: 0, reason: 'PowerLoss' });
        const stops = await t.dataSource.manager.countBy(TransactionEntity, {
          chargePointId: id,
        });
        expect(stops).toBe(1);
      } finally {
        u.close();
        await cp.close();
      }
    });
  });

  it('shows one user session a 2.0.1 and a 1.6 charger with the same readings as the same events', async () => {
    const id16 = nextId();
    const id201 = nextId();
    const u = await watched(id16);
    await registerChargePoint(t, admin, id201);
    await u.request({ action: 'subscribe', chargePointId: id201, id: 's2' });
    const cp16 = await connectCharger(t.wsUrl, id16);
    const cp201 = await connectCharger201(t.wsUrl, id201);
    try {
      // the same session: register 12.3456 kWh at the start, 19.9 kWh at 10:00, 25.0001 at the end
      const s16 = await cp16.call(
        'StartTransaction',
        aStartTransactionRequest({ meterStart: 12346, timestamp: '2026-11-25T09:00:00.000Z' }),
      );
      await cp16.call(
        'MeterValues',
        aMeterValuesRequest({
          transactionId: s16.transactionId,
          meterValue: [
            {
              timestamp: '2026-11-25T10:00:00.000Z',
              sampledValue: [
                { value: '11', measurand: 'Power.Active.Import', unit: 'kW' },
                { value: '19.9', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
              ],
            },
          ],
        }),
      );
      await cp16.call('StopTransaction', {
        transactionId: s16.transactionId,
        meterStop: 25000,
        timestamp: '2026-11-25T11:00:00.000Z',
        reason: 'EVDisconnected',
      });

      const txInfo = { transactionId: 'TX-SAME' };
      await cp201.call(
        'TransactionEvent',
        aTransactionEvent('Started', 0, {
          timestamp: '2026-11-25T09:00:00.000Z',
          evse: { id: 1 },
          idToken: { idToken: 'TAG1', type: 'ISO14443' },
          transactionInfo: txInfo,
          meterValue: [aMeterValue201('2026-11-25T09:00:00.000Z', 12.3456)],
        }),
      );
      await cp201.call(
        'TransactionEvent',
        aTransactionEvent('Updated', 1, {
          timestamp: '2026-11-25T10:00:00.000Z',
          transactionInfo: txInfo,
          meterValue: [
            {
              timestamp: '2026-11-25T10:00:00.000Z',
              sampledValue: [
                { value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } },
                // 19900 Wh said as 199 x 10^2 Wh
                {
                  value: 199,
                  measurand: 'Energy.Active.Import.Register',
                  unitOfMeasure: { unit: 'Wh', multiplier: 2 },
                },
              ],
            },
          ],
        }),
      );
      await cp201.call(
        'TransactionEvent',
        aTransactionEvent('Ended', 2, {
          timestamp: '2026-11-25T11:00:00.000Z',
          transactionInfo: { ...txInfo, stoppedReason: 'EVDisconnected' },
          meterValue: [aMeterValue201('2026-11-25T11:00:00.000Z', 25.0001)],
        }),
      );

      const stoppedOf = (id: string) => (m: Msg) =>
        isEvent('TransactionStopped')(m) && m.chargePointId === id;
      await until(
        () => u.received.some(stoppedOf(id16)) && u.received.some(stoppedOf(id201)),
        'both transactions stopped',
      );
      // what the one session got of each charger; the transaction ids differ, nothing else may
      const of = (id: string) => {
        const events = u.received.filter((m) => m.type === 'event' && m.chargePointId === id);
        const data = (match: (m: Msg) => boolean) => ({
          ...events.find(match)?.data,
          transactionId: undefined,
        });
        return {
          meterData: data(meterAt('2026-11-25T10:00:00.000Z')),
          stoppedData: data(stoppedOf(id)),
          started: data(isEvent('TransactionStarted')),
        };
      };
      const [a, b] = [of(id16), of(id201)];
      expect(b.meterData).toEqual(a.meterData);
      expect(b.stoppedData).toEqual(a.stoppedData);
      expect(b.started).toEqual({ ...a.started, ocppTransactionId: 'TX-SAME' });
      expect(a.stoppedData).toMatchObject({ energyWh: 12654, meterStopWh: 25000 });
      expect(a.meterData).toMatchObject({ powerW: 11000, energyWh: 7554 });
    } finally {
      u.close();
      await cp16.close();
      await cp201.close();
    }
  });
});
