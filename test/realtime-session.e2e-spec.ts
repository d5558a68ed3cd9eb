import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, testChargerPassword } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg } from './helpers/user-socket.js';

const dialects = await testDialects();

// The "done when": an owner, a grantee and a stranger watch one charger through a whole
// charging session.
describe.each(dialects)('watching a whole charging session live (%s)', (dialect) => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;
  let grantee: TestUser;
  let stranger: TestUser;
  const CP = 'CP_LIVE_1';

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, 'live-owner');
    grantee = await createUser(t, adminToken, 'live-grantee');
    stranger = await createUser(t, adminToken, 'live-stranger');
    await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(adminToken))
      .send({
        id: CP,
        password: testChargerPassword(CP),
        ownerId: owner.id,
        connectors: [{ connectorId: 1, type: 'Type2' }],
      })
      .expect(201);
    await api(t)
      .post(`/api/v1/charge-points/${CP}/grants`)
      .set(bearer(owner.token))
      .send({ userId: grantee.id })
      .expect(201);
  });
  afterAll(() => t.close());

  it('streams every event in order to owner and grantee (no idTag), nothing to a stranger', async () => {
    const o = await connectUser(t.wsUrl, owner.token);
    const g = await connectUser(t.wsUrl, grantee.token, { via: 'query' });
    const s = await connectUser(t.wsUrl, stranger.token);
    const so = await o.request({ action: 'subscribe', chargePointId: CP, id: 'o1' });
    expect(so).toMatchObject({
      type: 'subscribed',
      chargePointId: CP,
      seq: 0,
      snapshot: { id: CP, online: false },
    });
    expect((await g.request({ action: 'subscribe', chargePointId: CP, id: 'g1' })).type).toBe(
      'subscribed',
    );
    expect(await s.request({ action: 'subscribe', chargePointId: CP, id: 's1' })).toEqual({
      type: 'error',
      code: 'not_found',
      message: expect.any(String),
      chargePointId: CP,
      id: 's1',
    });

    const cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, status: 'Preparing' }),
    );
    const { transactionId } = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ meterStart: 1000 }),
    );
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, status: 'Charging' }),
    );
    await cp.call('MeterValues', aMeterValuesRequest({ transactionId }));
    await cp.call('StopTransaction', aStopTransactionRequest(transactionId, { meterStop: 2530 }));
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, status: 'Available' }),
    );
    await cp.close();

    const expected = [
      'ChargePointOnline',
      'ChargePointBooted',
      'ConnectorStatusChanged',
      'TransactionStarted',
      'ConnectorStatusChanged',
      'MeterValues',
      'TransactionStopped',
      'ConnectorStatusChanged',
      'ChargePointOffline',
    ];
    const collect = async (u: typeof o) => {
      const events: Msg[] = [];
      while (events.length < expected.length) events.push(await u.next((m) => m.type === 'event'));
      return events;
    };
    const ownerEvents = await collect(o);
    const granteeEvents = await collect(g);
    expect(ownerEvents.map((e) => e.event)).toEqual(expected);
    expect(ownerEvents.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    expect(granteeEvents.map((e) => e.seq)).toEqual(ownerEvents.map((e) => e.seq));
    const started = (es: Msg[]) => es.find((e) => e.event === 'TransactionStarted')?.data;
    expect(started(ownerEvents)).toMatchObject({ idTag: 'TAG1', meterStartWh: 1000 });
    expect(started(granteeEvents)).toMatchObject({ idTag: null, meterStartWh: 1000 });
    expect(ownerEvents.find((e) => e.event === 'TransactionStopped')?.data).toMatchObject({
      energyWh: 1530,
    });
    expect((await s.drain(200)).filter((m) => m.type === 'event')).toEqual([]);
    for (const u of [o, g, s]) u.close();
  });
});
