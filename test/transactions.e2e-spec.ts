import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aStartTransactionRequest, aStopTransactionRequest } from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { grantAccess, registerChargePoint } from './helpers/realtime.js';

// Contract section 7, transactions: who reads which, newest first, filters, paging under inserts,
// one with its energy and duration, and CSV for accounting.

const dialects = await testDialects();
type Tx = { id: number; chargePointId: string; idTag: string | null; status: string };

describe.each(dialects)('transactions (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let owner: TestUser;
  let grantee: TestUser;
  let holder: TestUser;
  let stranger: TestUser;
  let cp1: OcppTestClient;
  let cp2: OcppTestClient;
  const ids: Record<string, number> = {};
  const list = (token: string, query = '') =>
    api(t).get(`/api/v1/transactions${query}`).set(bearer(token));
  const idsOf = (body: { items: Tx[] }) => body.items.map((x) => x.id);

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'tx-owner');
    grantee = await createUser(t, admin, 'tx-grantee');
    holder = await createUser(t, admin, 'tx-holder');
    stranger = await createUser(t, admin, 'tx-stranger');
    await registerChargePoint(t, admin, 'CP_TX_1', owner.id);
    await registerChargePoint(t, admin, 'CP_TX_2');
    await grantAccess(t, owner.token, 'CP_TX_1', grantee.id);
    await api(t)
      .post('/api/v1/id-tags')
      .set(bearer(admin))
      .send({ idTag: 'HOLDER', userId: holder.id })
      .expect(201);
    cp1 = await connectCharger(t.wsUrl, 'CP_TX_1');
    cp2 = await connectCharger(t.wsUrl, 'CP_TX_2');
    const start = async (cp: OcppTestClient, name: string, o: Record<string, unknown>) =>
      (ids[name] = (await cp.call('StartTransaction', aStartTransactionRequest(o))).transactionId);
    await start(cp1, 'a', {
      idTag: 'OWNERTAG',
      meterStart: 1000,
      timestamp: '2026-11-01T08:00:00.000Z',
    });
    await cp1.call(
      'StopTransaction',
      aStopTransactionRequest(ids.a, {
        meterStop: 8500,
        timestamp: '2026-11-01T09:30:00.000Z',
        reason: 'EVDisconnected',
      }),
    );
    await start(cp2, 'b', {
      idTag: 'HOLDER',
      meterStart: 0,
      timestamp: '2026-11-02T08:00:00.000Z',
    });
    await start(cp2, 'c', {
      connectorId: 2,
      idTag: 'SOMEONE',
      meterStart: 0,
      timestamp: '2026-11-03T08:00:00.000Z',
    });
    await start(cp1, 'd', {
      idTag: 'OWNERTAG',
      meterStart: 9000,
      timestamp: '2026-11-04T08:00:00.000Z',
    });
  });
  afterAll(async () => {
    await cp1.close();
    await cp2.close();
    await t.close();
  });

  it.each([
    ['admin', () => admin, ['d', 'c', 'b', 'a']],
    ['owner', () => owner.token, ['d', 'a']],
    ['grantee', () => grantee.token, ['d', 'a']],
    ['tag holder', () => holder.token, ['b']],
    ['stranger', () => stranger.token, []],
  ])('%s reads exactly its transactions, newest first', async (_who, token, expected) => {
    const res = await list(token());
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(idsOf(res.body)).toEqual(expected.map((k) => ids[k]));
  });

  it('the idTag is shown to admins, owners and the tag holder, masked for grantees', async () => {
    const tagOf = async (token: string, id: number) =>
      (await list(token)).body.items.find((x: Tx) => x.id === id).idTag;
    expect(await tagOf(admin, ids.c)).toBe('SOMEONE');
    expect(await tagOf(owner.token, ids.a)).toBe('OWNERTAG');
    expect(await tagOf(grantee.token, ids.a)).toBeNull();
    expect(await tagOf(holder.token, ids.b)).toBe('HOLDER');
  });

  it('filters by charger, status and start time', async () => {
    expect(idsOf((await list(admin, '?chargePointId=CP_TX_2')).body)).toEqual([ids.c, ids.b]);
    expect(idsOf((await list(admin, '?status=completed')).body)).toEqual([ids.a]);
    expect(idsOf((await list(admin, '?status=active')).body)).toEqual([ids.d, ids.c, ids.b]);
    const range = '?from=2026-11-02T00:00:00.000Z&to=2026-11-04T00:00:00.000Z';
    expect(idsOf((await list(admin, range)).body)).toEqual([ids.c, ids.b]);
  });

  it.each([
    ['an unknown parameter', '?owner=me', 'owner is not a known field'],
    ['a bad status', '?status=done', 'status'],
    ['a bad date', '?from=yesterday', 'from'],
    ['a bad cursor', '?cursor=xyz', 'cursor'],
  ])('%s is a 400 naming it', async (_n, query, message) => {
    const res = await list(admin, query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
  });

  it('pages stay right while transactions are added between them', async () => {
    const first = await list(admin, '?limit=2');
    expect(idsOf(first.body)).toEqual([ids.d, ids.c]);
    const added = (
      await cp2.call(
        'StartTransaction',
        aStartTransactionRequest({
          connectorId: 3,
          idTag: 'LATE',
          timestamp: new Date().toISOString(),
        }),
      )
    ).transactionId;
    const second = await list(admin, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(idsOf(second.body)).toEqual([ids.b, ids.a]);
    expect(second.body.nextCursor).toBeNull();
    expect(idsOf((await list(admin, '?limit=1')).body)).toEqual([added]);
  });

  it('reads one with its energy, duration, meter values and stop reason; 404 when not readable', async () => {
    const res = await api(t).get(`/api/v1/transactions/${ids.a}`).set(bearer(owner.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: ids.a,
      chargePointId: 'CP_TX_1',
      connectorId: 1,
      idTag: 'OWNERTAG',
      status: 'completed',
      startedAt: '2026-11-01T08:00:00.000Z',
      stoppedAt: '2026-11-01T09:30:00.000Z',
      meterStartWh: 1000,
      meterStopWh: 8500,
      energyWh: 7500,
      durationS: 5400,
      stopReason: 'EVDisconnected',
    });
    for (const token of [stranger.token, holder.token]) {
      const hidden = await api(t).get(`/api/v1/transactions/${ids.a}`).set(bearer(token));
      expect(hidden.status).toBe(404);
    }
    expect((await api(t).get('/api/v1/transactions/abc').set(bearer(admin))).status).toBe(400);
  });

  it('answers CSV when asked for by Accept', async () => {
    const res = await list(owner.token, '?status=completed').set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.split('\r\n')).toEqual([
      'id,chargePointId,connectorId,idTag,status,startedAt,stoppedAt,meterStartWh,meterStopWh,energyWh,durationS,stopReason',
      `${ids.a},CP_TX_1,1,OWNERTAG,completed,2026-11-01T08:00:00.000Z,2026-11-01T09:30:00.000Z,1000,8500,7500,5400,EVDisconnected`,
      '',
    ]);
    const paged = await list(admin, '?limit=1').set('Accept', 'text/csv');
    expect(paged.headers['x-next-cursor']).toEqual(expect.any(String));
  });
});
