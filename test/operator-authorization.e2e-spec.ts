import type { Test } from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { rowCounts } from './helpers/db.js';
import { aStartTransactionRequest } from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { grantAccess, registerChargePoint } from './helpers/realtime.js';

// Contract section 7, route by route and role by role (as rest-authorization does for section
// 2): who may call it, what the others get, and that a refused call changes nothing.

const dialects = await testDialects();

type Actor = 'stranger' | 'grantee' | 'owner' | 'admin';
const ACTORS: Actor[] = ['stranger', 'grantee', 'owner', 'admin'];
const CP = 'CP_OPS_1'; // the owner's, granted to the grantee; one transaction (tag OWNED)
const CP_MUT = 'CP_OPS_2'; // the owner's: what the admin changes or removes
const UUID_OF_NOBODY = '00000000-0000-4000-8000-000000000000';

interface Ctx {
  u: Record<Actor, TestUser> & { target: TestUser };
  txId: number;
}

/** A route: the request, and per actor the status it must get (others change nothing). */
interface RouteCase {
  route: string;
  request: (c: Ctx) => Test;
  expect: Record<Actor, number>;
}

const ADMIN_ONLY = { stranger: 403, grantee: 403, owner: 403, admin: 0 };
const adminOnly = (ok: number) => ({ ...ADMIN_ONLY, admin: ok });

const ROUTES = (t: () => TestApp): RouteCase[] => [
  { route: 'GET /users', request: () => api(t()).get('/api/v1/users'), expect: adminOnly(200) },
  {
    route: 'GET /users/{id}',
    request: (c) => api(t()).get(`/api/v1/users/${c.u.target.id}`),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /users/{id}',
    request: (c) => api(t()).patch(`/api/v1/users/${c.u.target.id}`).send({ role: 'admin' }),
    expect: adminOnly(200),
  },
  {
    route: 'PUT /users/{id}/password',
    request: (c) =>
      api(t()).put(`/api/v1/users/${c.u.target.id}/password`).send({ newPassword: 'a-new-one-1' }),
    expect: adminOnly(204),
  },
  {
    route: 'DELETE /users/{id}',
    request: (c) => api(t()).delete(`/api/v1/users/${c.u.target.id}`),
    expect: adminOnly(204),
  },
  {
    route: 'PATCH /charge-points/{id}',
    request: (c) =>
      api(t()).patch(`/api/v1/charge-points/${CP_MUT}`).send({ ownerId: c.u.stranger.id }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /charge-points/{id}',
    request: () => api(t()).delete(`/api/v1/charge-points/${CP_MUT}`),
    expect: adminOnly(204),
  },
  {
    route: 'GET /charge-points/{id}/grants',
    request: () => api(t()).get(`/api/v1/charge-points/${CP}/grants`),
    expect: { stranger: 404, grantee: 403, owner: 200, admin: 200 },
  },
  {
    route: 'GET /charge-points/{id}/meter-values',
    request: () => api(t()).get(`/api/v1/charge-points/${CP}/meter-values`),
    expect: { stranger: 404, grantee: 200, owner: 200, admin: 200 },
  },
  {
    route: 'POST /id-tags',
    request: () => api(t()).post('/api/v1/id-tags').send({ idTag: 'NEW-BY-ROUTE' }),
    expect: adminOnly(201),
  },
  { route: 'GET /id-tags', request: () => api(t()).get('/api/v1/id-tags'), expect: adminOnly(200) },
  {
    route: 'GET /id-tags/{idTag}',
    request: () => api(t()).get('/api/v1/id-tags/OWNED'),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /id-tags/{idTag}',
    request: () => api(t()).patch('/api/v1/id-tags/SPARE').send({ status: 'Blocked' }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /id-tags/{idTag}',
    request: () => api(t()).delete('/api/v1/id-tags/SPARE'),
    expect: adminOnly(204),
  },
  {
    route: 'GET /users/me/id-tags',
    request: () => api(t()).get('/api/v1/users/me/id-tags'),
    expect: { stranger: 200, grantee: 200, owner: 200, admin: 200 },
  },
  {
    route: 'GET /transactions',
    request: () => api(t()).get('/api/v1/transactions'),
    expect: { stranger: 200, grantee: 200, owner: 200, admin: 200 },
  },
  {
    route: 'GET /transactions/{id}',
    request: (c) => api(t()).get(`/api/v1/transactions/${c.txId}`),
    expect: { stranger: 404, grantee: 200, owner: 200, admin: 200 },
  },
];

describe.each(dialects)('operator API authorisation matrix (%s)', (dialect) => {
  let t: TestApp;
  let c: Ctx;
  let admin: string;

  // One world per database. The cases run in order, and for each route the admin, who changes
  // things (deletes the target user, removes CP_MUT), comes last.
  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, LOGIN_RATE_LIMIT_PER_IP: '10000' });
    admin = await login(t, ADMIN.username, ADMIN.password);
    const adminId = (await api(t).get('/api/v1/users/me').set(bearer(admin))).body.id as string;
    const owner = await createUser(t, admin, 'owner');
    const u = {
      admin: { id: adminId, username: ADMIN.username, token: admin },
      owner,
      grantee: await createUser(t, admin, 'grantee'),
      stranger: await createUser(t, admin, 'stranger'),
      target: await createUser(t, admin, 'target'),
    };
    await registerChargePoint(t, admin, CP, owner.id);
    await registerChargePoint(t, admin, CP_MUT, owner.id);
    await grantAccess(t, owner.token, CP, u.grantee.id);
    for (const idTag of ['OWNED', 'SPARE'])
      await api(t).post('/api/v1/id-tags').set(bearer(admin)).send({ idTag, userId: owner.id });
    const cp = await connectCharger(t.wsUrl, CP);
    const { transactionId } = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ idTag: 'OWNED' }),
    );
    await cp.close();
    c = { u, txId: transactionId };
  });
  afterAll(() => t.close());

  const cases = ROUTES(() => t).flatMap((r) =>
    ACTORS.map((who) => [r.route, who, r.expect[who], r] as const),
  );

  it.each(cases)('%s as %s: %d', async (_route, who, status, r) => {
    const before = await rowCounts(t.dataSource);
    const res = await r.request(c).set(bearer(c.u[who].token));

    expect(res.status).toBe(status);
    if (status >= 400) {
      expect(res.body).toEqual({
        statusCode: status,
        error: status === 403 ? 'Forbidden' : 'Not Found',
        message: expect.stringMatching(/\S/),
      });
      expect(await rowCounts(t.dataSource)).toEqual(before);
    }
  });

  it('a user id that does not exist is 404 for admins on every user route', async () => {
    const asAdmin = bearer(admin);
    const base = `/api/v1/users/${UUID_OF_NOBODY}`;
    expect((await api(t).get(base).set(asAdmin)).status).toBe(404);
    expect((await api(t).patch(base).set(asAdmin).send({ role: 'user' })).status).toBe(404);
    expect((await api(t).delete(base).set(asAdmin)).status).toBe(404);
    expect(
      (await api(t).put(`${base}/password`).set(asAdmin).send({ newPassword: 'whatever-1' }))
        .status,
    ).toBe(404);
  });

  it.each(ACTORS)('PUT /users/me/password as %s: 204, for itself only', async (who) => {
    const res = await api(t)
      .put('/api/v1/users/me/password')
      .set(bearer(c.u[who].token))
      .send({
        currentPassword: who === 'admin' ? ADMIN.password : `${who}-password`,
        newPassword: 'changed-password',
      });
    expect(res.status).toBe(204);
    await login(t, c.u[who].username, 'changed-password');
    // and the token it was called with is revoked
    expect((await api(t).get('/api/v1/users/me').set(bearer(c.u[who].token))).status).toBe(401);
  });
});
