import { startApp, type TestApp } from './helpers/app.js';
import { closeCodeOf } from './helpers/close-code.js';
import { connectCharger, handshakeStatus, testChargerPassword } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aStartTransactionRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// Contract section 7, chargers: the list paged and filtered, PATCH (owner, password) and DELETE
// (its connection closed, its history kept).

const dialects = await testDialects();

describe.each(dialects)('charger administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let alice: TestUser;
  let bob: TestUser;
  const register = (id: string, body: Record<string, unknown> = {}) =>
    api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      // chargers need a password (security): the one the test charger connects with
      .send({ id, password: testChargerPassword(id), ...body })
      .expect(201);
  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((s) => s.id);
  const list = (token: string, query = '') =>
    api(t).get(`/api/v1/charge-points${query}`).set(bearer(token));

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    admin = await login(t, ADMIN.username, ADMIN.password);
    alice = await createUser(t, admin, 'alice');
    bob = await createUser(t, admin, 'bob');
    await register('LIST_B', { ownerId: alice.id });
    await register('LIST_D', { ownerId: bob.id });
    await register('LIST_F', { ownerId: alice.id });
    await register('OTHER_1');
  });
  afterAll(() => t.close());

  it('pages by id, stable when chargers are added between pages', async () => {
    const first = await list(admin, '?q=LIST_&limit=2');
    expect(ids(first.body)).toEqual(['LIST_B', 'LIST_D']);
    await register('LIST_A'); // before the cursor: not seen again
    await register('LIST_E'); // after it: seen in its place
    const second = await list(admin, `?q=LIST_&limit=2&cursor=${first.body.nextCursor}`);
    expect(ids(second.body)).toEqual(['LIST_E', 'LIST_F']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by owner, by online, by connector status, and stays within what a user sees', async () => {
    expect(ids((await list(admin, `?q=LIST_&ownerId=${alice.id}`)).body)).toEqual([
      'LIST_B',
      'LIST_F',
    ]);
    expect(ids((await list(alice.token)).body)).toEqual(['LIST_B', 'LIST_F']);
    expect(ids((await list(alice.token, '?q=list_f')).body)).toEqual(['LIST_F']);
    // another user's chargers stay out whatever the filter
    expect(ids((await list(alice.token, `?ownerId=${bob.id}`)).body)).toEqual([]);

    const cp = await connectCharger(t.wsUrl, 'LIST_F');
    await cp.call('StatusNotification', aStatusNotificationRequest({ status: 'Faulted' }));
    expect(ids((await list(admin, '?online=true')).body)).toEqual(['LIST_F']);
    expect(ids((await list(admin, '?q=LIST_&online=false')).body)).not.toContain('LIST_F');
    expect(ids((await list(alice.token, '?status=Faulted')).body)).toEqual(['LIST_F']);
    await cp.close();
  });

  it.each([
    ['an unknown parameter', '?owner=x', 'owner is not a known field'],
    ['a bad online', '?online=yes', 'online'],
    ['a bad status', '?status=Broken', 'status'],
    ['a limit of 0', '?limit=0', 'limit'],
  ])('%s is a 400 naming it', async (_n, query, message) => {
    const res = await list(admin, query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
  });

  it('PATCH ownerId: the new owner sees it, the former one loses it and its live subscription', async () => {
    await register('MOVED_1', { ownerId: alice.id });
    const session = await connectUser(t.wsUrl, alice.token);
    await session.request({ action: 'subscribe', chargePointId: 'MOVED_1', id: 's1' });

    const res = await api(t)
      .patch('/api/v1/charge-points/MOVED_1')
      .set(bearer(admin))
      .send({ ownerId: bob.id });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('MOVED_1');

    const gone = await session.next((m) => m.type === 'unsubscribed');
    expect(gone).toEqual({
      type: 'unsubscribed',
      chargePointId: 'MOVED_1',
      reason: 'access_revoked',
    });
    expect(
      (await api(t).get('/api/v1/charge-points/MOVED_1').set(bearer(alice.token))).status,
    ).toBe(404);
    expect((await api(t).get('/api/v1/charge-points/MOVED_1').set(bearer(bob.token))).status).toBe(
      200,
    );
    session.close();
  });

  it('PATCH password: the charger must use the new one from its next connection', async () => {
    await register('PW_1', { password: 'the-first-password-1' });
    await api(t)
      .patch('/api/v1/charge-points/PW_1')
      .set(bearer(admin))
      .send({ password: 'the-second-password-2' })
      .expect(200);
    const basic = (pw: string) => ({
      Authorization: `Basic ${Buffer.from(`PW_1:${pw}`).toString('base64')}`,
    });
    const url = `${t.wsUrl}/ocpp/PW_1`;
    expect(await handshakeStatus(url, { headers: basic('the-first-password-1') })).toBe(401);
    expect(await handshakeStatus(url, { headers: basic('the-second-password-2') })).toBe(101);
  });

  it.each([
    ['nothing to change', {}, 'at least one'],
    ['an unknown owner', { ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
    ['a short password', { password: 'short' }, 'password'],
    ['an unknown field', { vendor: 'x' }, 'vendor'],
  ])('PATCH with %s is a 400 and changes nothing', async (_n, body, message) => {
    const res = await api(t).patch('/api/v1/charge-points/LIST_B').set(bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
    expect(ids((await list(alice.token, '?q=LIST_B')).body)).toEqual(['LIST_B']);
  });

  it('DELETE closes its connection (4002), refuses it from then on, and keeps its transactions', async () => {
    await register('GONE_1', { ownerId: alice.id });
    const watcher = await connectUser(t.wsUrl, alice.token);
    await watcher.request({ action: 'subscribe', chargePointId: 'GONE_1', id: 'w1' });
    const cp = await connectCharger(t.wsUrl, 'GONE_1');
    const closed = closeCodeOf(cp);
    const { transactionId } = await cp.call('StartTransaction', aStartTransactionRequest());

    expect((await api(t).delete('/api/v1/charge-points/GONE_1').set(bearer(admin))).status).toBe(
      204,
    );

    expect(await closed()).toBe(4002);
    // its watchers are told it is gone
    expect(await watcher.next((m) => m.type === 'unsubscribed')).toEqual({
      type: 'unsubscribed',
      chargePointId: 'GONE_1',
      reason: 'access_revoked',
    });
    watcher.close();
    expect(await handshakeStatus(`${t.wsUrl}/ocpp/GONE_1`)).toBe(404);
    expect((await api(t).get('/api/v1/charge-points/GONE_1').set(bearer(admin))).status).toBe(404);
    const tx = await api(t).get(`/api/v1/transactions/${transactionId}`).set(bearer(admin));
    expect(tx.status).toBe(200);
    expect(tx.body.chargePointId).toBe('GONE_1');
    expect((await api(t).delete('/api/v1/charge-points/GONE_1').set(bearer(admin))).status).toBe(
      404,
    );
    // the id may be registered again
    await register('GONE_1');
  });
});
