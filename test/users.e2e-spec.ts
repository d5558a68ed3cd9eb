import { randomBytes } from 'node:crypto';
import { startApp, type TestApp } from './helpers/app.js';
import { closeCodeOf } from './helpers/close-code.js';
import { postgresDatabase, testDialects } from './helpers/databases.js';
import { ADMIN, api, bearer, createUser, login, restEnv } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// Contract section 7, users: list, read, change role, disable, delete, passwords; and the
// revocation of every older token when a user is disabled, deleted or gets a new password.

const dialects = await testDialects();
let unique = 0;
const uniqueName = (prefix: string) => `${prefix}${++unique}`;

describe.each(dialects)('user administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, LOGIN_RATE_LIMIT_PER_IP: '10000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    adminId = (await api(t).get('/api/v1/users/me').set(bearer(admin))).body.id;
  });
  afterAll(() => t.close());

  it('lists by username prefix, paged, stable when users are added between pages', async () => {
    for (const n of ['pfx-b', 'pfx-d', 'pfx-f', 'other-a']) await createUser(t, admin, n);

    const first = await api(t).get('/api/v1/users?q=pfx-&limit=2').set(bearer(admin));
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { username: string }) => u.username)).toEqual([
      'pfx-b',
      'pfx-d',
    ]);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      username: 'pfx-b',
      role: 'user',
      disabled: false,
      createdAt: expect.any(String),
    });
    // added before the cursor (not seen again) and after it (seen in its place)
    await createUser(t, admin, 'pfx-a');
    await createUser(t, admin, 'pfx-e');
    const second = await api(t)
      .get(`/api/v1/users?q=pfx-&limit=2&cursor=${first.body.nextCursor}`)
      .set(bearer(admin));
    expect(second.body.items.map((u: { username: string }) => u.username)).toEqual([
      'pfx-e',
      'pfx-f',
    ]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('a prefix matches whatever the case, on both databases', async () => {
    await createUser(t, admin, 'CamelCase');
    const res = await api(t).get('/api/v1/users?q=camelc').set(bearer(admin));
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(['CamelCase']);
  });

  it('a prefix is not a pattern: % and _ match themselves', async () => {
    await createUser(t, admin, 'under_score');
    await createUser(t, admin, 'underXscore');
    const res = await api(t).get('/api/v1/users?q=under_').set(bearer(admin));
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(['under_score']);
  });

  it.each([
    ['an unknown parameter', 'role=admin', 'role is not a known field'],
    ['a limit over 500', 'limit=501', 'limit must not be greater than 500'],
    ['a forged cursor', 'cursor=abc', 'cursor'],
  ])('%s is a 400 naming it', async (_name, query, message) => {
    const res = await api(t).get(`/api/v1/users?${query}`).set(bearer(admin));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
  });

  it('reads one user; an unknown id is 404, a malformed one 400', async () => {
    const u = await createUser(t, admin, uniqueName('reader'));
    const res = await api(t).get(`/api/v1/users/${u.id}`).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, username: u.username, disabled: false });
    const missing = await api(t)
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000')
      .set(bearer(admin));
    expect(missing.status).toBe(404);
    expect((await api(t).get('/api/v1/users/nope').set(bearer(admin))).status).toBe(400);
  });

  it('changes a role: the new role applies to the token already issued', async () => {
    const u = await createUser(t, admin, uniqueName('promoted'));
    expect((await api(t).get('/api/v1/users').set(bearer(u.token))).status).toBe(403);
    const res = await api(t)
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(admin))
      .send({ role: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, role: 'admin', disabled: false });
    expect((await api(t).get('/api/v1/users').set(bearer(u.token))).status).toBe(200);
  });

  it('disabling: REST 401 at once, live session closed 4401, no login; enabling lets them log in again', async () => {
    const u = await createUser(t, admin, uniqueName('disabled'));
    const session = await connectUser(t.wsUrl, u.token);
    const closed = closeCodeOf(session.ws);

    const res = await api(t)
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(admin))
      .send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect(await closed()).toBe(4401);
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    const refused = await api(t)
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: `${u.username}-password` });
    expect(refused.status).toBe(401);

    await api(t).patch(`/api/v1/users/${u.id}`).set(bearer(admin)).send({ disabled: false });
    // the old token stays revoked; a new login works
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    const fresh = await login(t, u.username, `${u.username}-password`);
    expect((await api(t).get('/api/v1/users/me').set(bearer(fresh))).status).toBe(200);
  });

  it('an admin cannot disable, demote or delete themselves (409), nothing changes', async () => {
    for (const body of [{ disabled: true }, { role: 'user' }]) {
      const res = await api(t).patch(`/api/v1/users/${adminId}`).set(bearer(admin)).send(body);
      expect(res.status).toBe(409);
    }
    expect((await api(t).delete(`/api/v1/users/${adminId}`).set(bearer(admin))).status).toBe(409);
    expect((await api(t).get('/api/v1/users/me').set(bearer(admin))).body.role).toBe('admin');
  });

  it('PATCH with a bad field is a 400 naming it and changes nothing', async () => {
    const u = await createUser(t, admin, uniqueName('patched'));
    const res = await api(t)
      .patch(`/api/v1/users/${u.id}`)
      .set(bearer(admin))
      .send({ role: 'root', disabled: 'yes' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/role.*disabled|disabled.*role/);
    expect((await api(t).get(`/api/v1/users/${u.id}`).set(bearer(admin))).body).toMatchObject({
      role: 'user',
      disabled: false,
    });
  });

  it('deleting: 409 while the user owns a charger, then 204 and every token ends', async () => {
    const u = await createUser(t, admin, uniqueName('owner'));
    const id = uniqueName('CP_USERS_');
    await api(t).post('/api/v1/charge-points').set(bearer(admin)).send({ id, ownerId: u.id });

    const refused = await api(t).delete(`/api/v1/users/${u.id}`).set(bearer(admin));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('owns 1 charger');
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(200);

    await api(t).delete(`/api/v1/charge-points/${id}`).set(bearer(admin)).expect(204);
    const session = await connectUser(t.wsUrl, u.token);
    const closed = closeCodeOf(session.ws);
    expect((await api(t).delete(`/api/v1/users/${u.id}`).set(bearer(admin))).status).toBe(204);
    expect(await closed()).toBe(4401);
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    expect((await api(t).get(`/api/v1/users/${u.id}`).set(bearer(admin))).status).toBe(404);
  });

  it("changing one's password: the current one is checked, older tokens end", async () => {
    const u = await createUser(t, admin, uniqueName('changer'));
    const wrong = await api(t)
      .put('/api/v1/users/me/password')
      .set(bearer(u.token))
      .send({ currentPassword: 'not-it', newPassword: 'a-new-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('currentPassword');
    const short = await api(t)
      .put('/api/v1/users/me/password')
      .set(bearer(u.token))
      .send({ currentPassword: `${u.username}-password`, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.message)).toContain('newPassword');

    const res = await api(t)
      .put('/api/v1/users/me/password')
      .set(bearer(u.token))
      .send({ currentPassword: `${u.username}-password`, newPassword: 'a-new-password' });
    expect(res.status).toBe(204);
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    const old = await api(t)
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: `${u.username}-password` });
    expect(old.status).toBe(401);
    await login(t, u.username, 'a-new-password');
  });

  it('an admin resets a password: the user logs in with it, older tokens end', async () => {
    const u = await createUser(t, admin, uniqueName('forgetful'));
    const res = await api(t)
      .put(`/api/v1/users/${u.id}/password`)
      .set(bearer(admin))
      .send({ newPassword: 'reset-by-admin' });
    expect(res.status).toBe(204);
    expect((await api(t).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    await login(t, u.username, 'reset-by-admin');
    const missing = await api(t)
      .put('/api/v1/users/00000000-0000-4000-8000-000000000000/password')
      .set(bearer(admin))
      .send({ newPassword: 'reset-by-admin' });
    expect(missing.status).toBe(404);
  });
});

// Two app instances on one PostgreSQL database and one Redis: a user disabled through A loses
// the session they hold on B at once.
const twoInstances = dialects.includes('postgres') ? describe : describe.skip;
twoInstances('token revocation across two instances', () => {
  it('disabling a user on A closes their session on B (4401) and B refuses their token', async () => {
    const db = await postgresDatabase();
    const env = {
      ...restEnv,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:`,
    };
    const a = await startApp('postgres', env, db);
    const b = await startApp('postgres', env, db);
    try {
      const adminToken = await login(a, ADMIN.username, ADMIN.password);
      const u = await createUser(a, adminToken, 'revoked-on-b');
      const session = await connectUser(b.wsUrl, u.token);
      const closed = closeCodeOf(session.ws);

      await api(a).patch(`/api/v1/users/${u.id}`).set(bearer(adminToken)).send({ disabled: true });

      expect(await closed()).toBe(4401);
      expect((await api(b).get('/api/v1/users/me').set(bearer(u.token))).status).toBe(401);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
