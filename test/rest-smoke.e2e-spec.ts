import { ChargePointGrantRevoked } from '../src/common/contracts/access.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { recordEvents } from './helpers/events.js';
import {
  aBootNotificationRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
} from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

const dialects = await testDialects();

// The newcomer's walk through the API: admin creates a user, registers a charger with two
// connectors for them, the user reads the snapshot, grants another user, revokes.
describe.each(dialects)('REST walk-through (%s)', (dialect) => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;
  let friend: TestUser;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    events = recordEvents(t.app);
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, 'owner1');
    friend = await createUser(t, adminToken, 'friend1');
  });
  afterAll(() => t.close());

  it('registers a charger with two connectors, shows it to its owner with live state', async () => {
    const reg = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(adminToken))
      .send({
        id: 'CP_BKK_001',
        ownerId: owner.id,
        password: 'charger-password-123',
        connectors: [
          { connectorId: 1, type: 'Type2', maxPowerW: 22000, maxCurrentA: 32 },
          { connectorId: 2, type: 'CCS2', maxPowerW: 50000, maxCurrentA: 125 },
        ],
      });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ id: 'CP_BKK_001', online: false, connectorCount: 2, seq: 0 });

    const cp = await connectCharger(t.wsUrl, 'CP_BKK_001', { password: 'charger-password-123' });
    await cp.call('BootNotification', aBootNotificationRequest());
    await cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, status: 'Charging' }),
    );
    await cp.call('StartTransaction', aStartTransactionRequest({ connectorId: 1, meterStart: 0 }));

    const snap = await api(t).get('/api/v1/charge-points/CP_BKK_001').set(bearer(owner.token));
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({
      id: 'CP_BKK_001',
      online: true,
      vendor: 'ACME',
      model: 'X1',
      firmwareVersion: '1.2.3',
      connectorCount: 2,
      seq: events.of('CP_BKK_001').length,
    });
    expect(snap.body.connectors[0]).toMatchObject({
      connectorId: 1,
      type: 'Type2',
      status: 'Charging',
      transaction: { idTag: 'TAG1', meterStartWh: 0 },
    });
    expect(snap.body.connectors[1]).toMatchObject({
      connectorId: 2,
      type: 'CCS2',
      transaction: null,
      energyWh: null,
    });
    await cp.close();
  });

  it('grants another user, who sees it without idTag, and revokes', async () => {
    expect(
      (await api(t).get('/api/v1/charge-points/CP_BKK_001').set(bearer(friend.token))).status,
    ).toBe(404);
    const grant = await api(t)
      .post('/api/v1/charge-points/CP_BKK_001/grants')
      .set(bearer(owner.token))
      .send({ userId: friend.id });
    expect(grant.status).toBe(201);
    const seen = await api(t).get('/api/v1/charge-points/CP_BKK_001').set(bearer(friend.token));
    expect(seen.status).toBe(200);
    expect(seen.body.connectors[0].transaction).toMatchObject({ idTag: null });
    const list = await api(t).get('/api/v1/charge-points').set(bearer(friend.token));
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['CP_BKK_001']);

    const del = await api(t)
      .delete(`/api/v1/charge-points/CP_BKK_001/grants/${friend.id}`)
      .set(bearer(owner.token));
    expect(del.status).toBe(204);
    expect(
      (await api(t).get('/api/v1/charge-points/CP_BKK_001').set(bearer(friend.token))).status,
    ).toBe(404);
    // the realtime module ends the friend's live subscriptions on this event
    expect(events.events).toContainEqual(new ChargePointGrantRevoked('CP_BKK_001', friend.id));
  });
});
