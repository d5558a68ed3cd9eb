import WebSocket from 'ws';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { rawCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { rowCounts } from './helpers/db.js';
import { recordEvents } from './helpers/events.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';

// Contract section 1: a bad frame or payload is answered with the CALLERROR OCPP-J 1.6 names,
// spelled the 1.6 way, with message id "-1" when the id cannot be read; the socket stays open
// and nothing is written.

const dialects = await testDialects();

const CHARGER = 'CP_BAD_FRAMES';

const call = (id: string, action: string, payload: unknown) =>
  JSON.stringify([2, id, action, payload]);

const callError = (id: string, code: string) => [
  4,
  id,
  code,
  expect.any(String),
  expect.any(Object),
];

const without = (o: Record<string, unknown>, key: string) => {
  const copy = { ...o };
  delete copy[key];
  return copy;
};

const BAD_FRAMES: Array<[string, string, unknown[]]> = [
  ['text that is not JSON', 'hello', callError('-1', 'FormationViolation')],
  ['JSON that is not an array', '{}', callError('-1', 'FormationViolation')],
  ['an empty array', '[]', callError('-1', 'FormationViolation')],
  [
    'a message type that is not a number',
    '["2","m1","Heartbeat",{}]',
    callError('-1', 'FormationViolation'),
  ],
  [
    'a message id that is not a string',
    '[2,5,"Heartbeat",{}]',
    callError('-1', 'FormationViolation'),
  ],
  ['a call without a message id', '[2]', callError('-1', 'FormationViolation')],
  // OCPP 1.6 has no MessageTypeNotSupported: the frame is not a 1.6 frame at all
  ['an unknown message type', '[7,"x"]', callError('-1', 'FormationViolation')],
  ['an action that is not a string', '[2,"m2",5,{}]', callError('m2', 'FormationViolation')],
  ['an unknown action', call('a1', 'Foo', {}), callError('a1', 'NotImplemented')],
  [
    'an action the central system sends (Reset)',
    call('r1', 'Reset', { type: 'Hard' }),
    callError('r1', 'NotSupported'),
  ],
  [
    'a BootNotification without chargePointModel',
    call('b1', 'BootNotification', without(aBootNotificationRequest(), 'chargePointModel')),
    callError('b1', 'OccurenceConstraintViolation'),
  ],
  [
    'a StatusNotification whose connectorId is a string',
    call('s1', 'StatusNotification', aStatusNotificationRequest({ connectorId: '1' })),
    callError('s1', 'TypeConstraintViolation'),
  ],
  [
    'a BootNotification with an additional property',
    call('b2', 'BootNotification', aBootNotificationRequest({ colour: 'red' })),
    callError('b2', 'PropertyConstraintViolation'),
  ],
  [
    'a chargePointVendor longer than 20 characters',
    call('b3', 'BootNotification', aBootNotificationRequest({ chargePointVendor: 'V'.repeat(21) })),
    callError('b3', 'FormationViolation'),
  ],
  // what ocpp-rpc answers for a value outside an enumeration (ajv keyword "enum")
  [
    'a StatusNotification with a status outside the enumeration',
    call('s2', 'StatusNotification', aStatusNotificationRequest({ status: 'Sleeping' })),
    callError('s2', 'FormationViolation'),
  ],
  [
    'a StartTransaction whose meterStart is a string',
    call('t1', 'StartTransaction', aStartTransactionRequest({ meterStart: '1000' })),
    callError('t1', 'TypeConstraintViolation'),
  ],
  [
    'a StopTransaction without meterStop',
    call('t2', 'StopTransaction', without(aStopTransactionRequest(1), 'meterStop')),
    callError('t2', 'OccurenceConstraintViolation'),
  ],
  [
    'a MeterValues without meterValue',
    call('m3', 'MeterValues', without(aMeterValuesRequest(), 'meterValue')),
    callError('m3', 'OccurenceConstraintViolation'),
  ],
];

describe.each(dialects)('bad OCPP 1.6J frames (%s)', (dialect) => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;
  let charger: Awaited<ReturnType<typeof rawCharger>>;
  let countsBefore: Record<string, number>;

  const expectHeartbeatAnswered = async () => {
    const reply = (await charger.request('[2,"hb","Heartbeat",{}]')) as unknown[];
    expect(reply).toEqual([3, 'hb', { currentTime: expect.any(String) }]);
    expect(Date.parse((reply[2] as { currentTime: string }).currentTime)).not.toBeNaN();
  };

  beforeAll(async () => {
    t = await startApp(dialect, { OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' });
    events = recordEvents(t.app);
    charger = await rawCharger(t.wsUrl, CHARGER);
    // the row exists and the connection is recorded before the counts are taken
    await events.waitFor((e) => e.chargePointId === CHARGER && e.name === 'ChargePointOnline');
    await expectHeartbeatAnswered();
    countsBefore = await rowCounts(t.dataSource);
  });
  afterAll(async () => {
    charger?.close();
    await t.close();
  });

  it.each(BAD_FRAMES)(
    'answers %s with its CALLERROR, writes nothing and keeps answering',
    async (_what, frame, expected) => {
      await expect(charger.request(frame)).resolves.toEqual(expected);
      await expectHeartbeatAnswered();
      expect(charger.ws.readyState).toBe(WebSocket.OPEN);
      await expect(rowCounts(t.dataSource)).resolves.toEqual(countsBefore);
    },
  );

  it.each([
    ['a CALLRESULT', '[3,"unknown-1",{}]'],
    ['a CALLERROR', '[4,"unknown-2","GenericError","",{}]'],
  ])('ignores %s for a message id it never sent', async (_what, frame) => {
    charger.send(frame);
    // a reply to the frame would come before the heartbeat's, which needs a database write
    await expectHeartbeatAnswered();
    expect(charger.ws.readyState).toBe(WebSocket.OPEN);
    await expect(rowCounts(t.dataSource)).resolves.toEqual(countsBefore);
  });

  it('left the charger as it was before the bad frames', async () => {
    const row = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, { id: CHARGER });
    expect(row).toMatchObject({
      vendor: null,
      model: null,
      bootedAt: null,
      connectorCount: 0,
      stationStatus: null,
      online: true,
    });
    expect(events.of(CHARGER).map((e) => e.name)).toEqual(['ChargePointOnline']);
  });
});
