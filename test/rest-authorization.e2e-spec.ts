import type { Response, Test } from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, testChargerPassword } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { rowCounts } from './helpers/db.js';
import { recordEvents } from './helpers/events.js';
import {
  aBootNotificationRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
} from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { decodeToken, type ForgedTokenName, forgedTokens } from './helpers/tokens.js';

// Contract section 2, route by route: who may call it, and what each caller gets back
// (status, body, and whether anything was written).

const dialects = await testDialects();

type Actor = 'stranger' | 'grantee' | 'owner' | 'admin';
type Actors = Record<Actor, TestUser & { password: string; role: 'user' | 'admin' }>;
type BadCredentials = 'anonymous' | Exclude<ForgedTokenName, 'valid'>;

const ACTORS: Actor[] = ['stranger', 'grantee', 'owner', 'admin'];
const BAD_CREDENTIALS: BadCredentials[] = [
  'anonymous',
  'garbage',
  'otherSecret',
  'expired',
  'algNone',
  'hs512',
  'wrongAudience',
  'wrongIssuer',
  'unknownUser',
  'noSubject',
];

const CP = 'CP_AUTHZ_1'; // the owner's, granted to the grantee; a transaction runs (idTag TAG1)
const CP_MUT = 'CP_AUTHZ_2'; // the owner's, granted to the grantee; the routes that change things
const CP_ADMIN = 'CP_AUTHZ_3'; // nobody's: admins only
const MISSING = 'CP_AUTHZ_404'; // never registered

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const UUID = expect.stringMatching(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
);
const errorBody = (statusCode: number, error: string) => ({
  statusCode,
  error,
  message: expect.stringMatching(/\S/),
});
const UNAUTHORIZED = errorBody(401, 'Unauthorized');
const FORBIDDEN = errorBody(403, 'Forbidden');
const NOT_FOUND = errorBody(404, 'Not Found');

/** The body with a charger id replaced, to compare the answers about two chargers. */
const withoutId = (body: unknown, id: string) =>
  JSON.parse(JSON.stringify(body).replaceAll(id, '<id>')) as unknown;

/** CP as the caller sees it: everything, but idTag only for its owner and admins. */
const mainSnapshot = (idTag: string | null) => ({
  id: CP,
  online: false,
  lastSeenAt: ISO,
  vendor: 'ACME',
  model: 'X1',
  firmwareVersion: '1.2.3',
  connectorCount: 2,
  ocppVersion: '1.6',
  connectors: [
    {
      connectorId: 1,
      type: 'Type2',
      maxPowerW: 22000,
      maxCurrentA: 32,
      status: 'Charging',
      errorCode: 'NoError',
      powerW: expect.any(Number),
      energyWh: expect.any(Number),
      transaction: {
        id: expect.any(Number),
        idTag,
        startedAt: '2026-11-25T09:40:00.000Z',
        meterStartWh: 0,
      },
    },
    {
      connectorId: 2,
      type: 'CCS2',
      maxPowerW: 50000,
      maxCurrentA: 125,
      status: 'Unknown',
      errorCode: 'NoError',
      powerW: 0,
      energyWh: null,
      transaction: null,
    },
  ],
  seq: expect.any(Number),
});

const twoConnectors = [
  { connectorId: 1, type: 'Type2', maxPowerW: 22000, maxCurrentA: 32 },
  { connectorId: 2, type: 'CCS2', maxPowerW: 50000, maxCurrentA: 125 },
];

let unique = 0;
const uniqueName = (prefix: string) => `${prefix}${++unique}`;

describe.each(dialects)('REST authorisation matrix (%s)', (dialect) => {
  let t: TestApp;
  let u: Actors;
  let tokens: ReturnType<typeof forgedTokens>;

  const as = (who: Actor) => bearer(u[who].token);
  const credentials = (who: BadCredentials) =>
    who === 'anonymous' ? {} : { Authorization: `Bearer ${tokens[who]}` };
  const snapshotAsAdmin = async (id: string) =>
    (await api(t).get(`/api/v1/charge-points/${id}`).set(as('admin'))).body;
  /** A fresh user (with a token) that no charger knows yet. */
  const spareUser = () => createUser(t, u.admin.token, uniqueName('spare'));
  const seesCharger = async (user: TestUser, id: string) =>
    (await api(t).get(`/api/v1/charge-points/${id}`).set(bearer(user.token))).status === 200;
  const subscriptionsOf = async (who: Actor) =>
    (await api(t).get('/api/v1/subscriptions').set(as(who))).body.items as Array<{
      chargePointId: string;
    }>;

  beforeAll(async () => {
    // many logins from one address: the per-address limit has its own suite (rest-input)
    t = await startApp(dialect, { ...restEnv, LOGIN_RATE_LIMIT_PER_IP: '10000' });
    const events = recordEvents(t.app);
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    const adminId = (await api(t).get('/api/v1/users/me').set(bearer(adminToken))).body.id;
    const user = async (name: string) => ({
      ...(await createUser(t, adminToken, name)),
      password: `${name}-password`,
      role: 'user' as const,
    });
    u = {
      admin: { id: adminId, ...ADMIN, token: adminToken, role: 'admin' },
      owner: await user('owner'),
      grantee: await user('grantee'),
      stranger: await user('stranger'),
    };
    tokens = forgedTokens({ id: adminId, username: ADMIN.username, role: 'admin' });

    for (const [id, ownerId] of [
      [CP, u.owner.id],
      [CP_MUT, u.owner.id],
      [CP_ADMIN, undefined],
    ]) {
      const reg = await api(t)
        .post('/api/v1/charge-points')
        .set(as('admin'))
        .send({ id, ownerId, password: testChargerPassword(id!), connectors: twoConnectors });
      expect(reg.status).toBe(201);
    }
    for (const id of [CP, CP_MUT]) {
      const grant = await api(t)
        .post(`/api/v1/charge-points/${id}/grants`)
        .set(as('owner'))
        .send({ userId: u.grantee.id });
      expect(grant.status).toBe(201);
    }

    const cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
    await cp.call('StatusNotification', aStatusNotificationRequest({ status: 'Charging' }));
    await cp.call('StartTransaction', aStartTransactionRequest({ meterStart: 0 }));
    await cp.close();
    // offline and settled: nothing is written behind the tests' backs from here on
    await events.waitFor((e) => e.chargePointId === CP && e.name === 'ChargePointOffline');

    for (const [who, id] of [
      ['grantee', CP],
      ['owner', CP],
      ['admin', CP],
      ['admin', CP_ADMIN],
    ] as Array<[Actor, string]>) {
      const sub = await api(t)
        .post('/api/v1/subscriptions')
        .set(as(who))
        .send({ chargePointId: id });
      expect(sub.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  describe('bad credentials', () => {
    // Every route but login; each request would change or reveal something if it got through.
    const PROTECTED: Array<[string, (a: Actors) => Test]> = [
      [
        'POST /users',
        () => api(t).post('/api/v1/users').send({ username: 'intruder', password: 'intruder-pw' }),
      ],
      ['GET /users/me', () => api(t).get('/api/v1/users/me')],
      ['POST /charge-points', () => api(t).post('/api/v1/charge-points').send({ id: 'CP_X' })],
      ['GET /charge-points', () => api(t).get('/api/v1/charge-points')],
      ['GET /charge-points/{id}', () => api(t).get(`/api/v1/charge-points/${CP}`)],
      [
        'PUT /charge-points/{id}/connectors/{connectorId}',
        () => api(t).put(`/api/v1/charge-points/${CP}/connectors/1`).send({ maxPowerW: 1 }),
      ],
      [
        'POST /charge-points/{id}/grants',
        (a) => api(t).post(`/api/v1/charge-points/${CP}/grants`).send({ userId: a.stranger.id }),
      ],
      [
        'DELETE /charge-points/{id}/grants/{userId}',
        (a) => api(t).delete(`/api/v1/charge-points/${CP}/grants/${a.grantee.id}`),
      ],
      [
        'POST /subscriptions',
        () => api(t).post('/api/v1/subscriptions').send({ chargePointId: CP_MUT }),
      ],
      ['GET /subscriptions', () => api(t).get('/api/v1/subscriptions')],
      ['DELETE /subscriptions/{chargePointId}', () => api(t).delete(`/api/v1/subscriptions/${CP}`)],
      // contract section 7 (their role-by-role matrix is operator-authorization.e2e-spec.ts)
      ['GET /users', () => api(t).get('/api/v1/users')],
      ['GET /users/{id}', (a) => api(t).get(`/api/v1/users/${a.owner.id}`)],
      [
        'PATCH /users/{id}',
        (a) => api(t).patch(`/api/v1/users/${a.owner.id}`).send({ disabled: true }),
      ],
      ['DELETE /users/{id}', (a) => api(t).delete(`/api/v1/users/${a.stranger.id}`)],
      [
        'PUT /users/me/password',
        (a) =>
          api(t)
            .put('/api/v1/users/me/password')
            .send({ currentPassword: a.admin.password, newPassword: 'intruder-password' }),
      ],
      [
        'PUT /users/{id}/password',
        (a) =>
          api(t).put(`/api/v1/users/${a.owner.id}/password`).send({ newPassword: 'intruder-pw' }),
      ],
      [
        'PATCH /charge-points/{id}',
        (a) => api(t).patch(`/api/v1/charge-points/${CP}`).send({ ownerId: a.stranger.id }),
      ],
      ['DELETE /charge-points/{id}', () => api(t).delete(`/api/v1/charge-points/${CP_MUT}`)],
      ['GET /charge-points/{id}/grants', () => api(t).get(`/api/v1/charge-points/${CP}/grants`)],
      [
        'GET /charge-points/{id}/meter-values',
        () => api(t).get(`/api/v1/charge-points/${CP}/meter-values`),
      ],
      ['POST /id-tags', () => api(t).post('/api/v1/id-tags').send({ idTag: 'INTRUDER' })],
      ['GET /id-tags', () => api(t).get('/api/v1/id-tags')],
      ['GET /id-tags/{idTag}', () => api(t).get('/api/v1/id-tags/TAG1')],
      [
        'PATCH /id-tags/{idTag}',
        () => api(t).patch('/api/v1/id-tags/TAG1').send({ status: 'Blocked' }),
      ],
      ['DELETE /id-tags/{idTag}', () => api(t).delete('/api/v1/id-tags/TAG1')],
      ['GET /users/me/id-tags', () => api(t).get('/api/v1/users/me/id-tags')],
      ['GET /transactions', () => api(t).get('/api/v1/transactions')],
      ['GET /transactions/{id}', () => api(t).get('/api/v1/transactions/1')],
    ];
    const cases = PROTECTED.flatMap(([route, request]) =>
      BAD_CREDENTIALS.map((who) => [route, who, request] as const),
    );

    it('control: a token made the same way with nothing wrong is accepted', async () => {
      const res = await api(t).get('/api/v1/users/me').set(bearer(tokens.valid));

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: u.admin.id, username: ADMIN.username, role: 'admin' });
    });

    // RFC 7235 section 3.1: a 401 MUST carry a WWW-Authenticate challenge.
    it.each<BadCredentials>(['anonymous', 'expired'])(
      '%s: the 401 challenges for a Bearer token (WWW-Authenticate)',
      async (who) => {
        const res = await api(t).get('/api/v1/users/me').set(credentials(who));

        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
      },
    );

    // RFC 7235 section 2.1: the auth scheme is case-insensitive.
    it.each(['bearer', 'BEARER'])('a valid token under scheme "%s" is accepted', async (scheme) => {
      const res = await api(t)
        .get('/api/v1/users/me')
        .set('Authorization', `${scheme} ${u.owner.token}`);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: u.owner.id, username: u.owner.username, role: 'user' });
    });

    it.each(cases)('%s, %s: 401 in the error shape, nothing done', async (_r, who, request) => {
      const before = await rowCounts(t.dataSource);
      const anonymous = await request(u);
      const res = await request(u).set(credentials(who));

      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
      // one generic refusal: the message does not say what was wrong with the token
      expect(res.body).toEqual(anonymous.body);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    });

    it.each(BAD_CREDENTIALS)('POST /auth/login ignores %s credentials: 200', async (who) => {
      const res = await api(t)
        .post('/api/v1/auth/login')
        .set(credentials(who))
        .send({ username: u.owner.username, password: u.owner.password });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
      });
    });
  });

  describe('POST /auth/login', () => {
    it.each(ACTORS)('%s: 200 and a token that says who it is', async (who) => {
      const res = await api(t)
        .post('/api/v1/auth/login')
        .send({ username: u[who].username, password: u[who].password });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
      });
      const { header, claims } = decodeToken(res.body.accessToken);
      expect(header.alg).toBe('HS256');
      expect(claims).toMatchObject({ sub: u[who].id, iss: 'voltline', aud: 'voltline-api' });
      expect((claims.exp as number) - (claims.iat as number)).toBe(res.body.expiresIn);
      const me = await api(t).get('/api/v1/users/me').set(bearer(res.body.accessToken));
      expect(me.body).toEqual({ id: u[who].id, username: u[who].username, role: u[who].role });
    });
  });

  describe('POST /users', () => {
    it.each<Actor>(['stranger', 'grantee', 'owner'])('%s: 403, no user made', async (who) => {
      const before = await rowCounts(t.dataSource);
      const username = uniqueName('by-user');
      const res = await api(t)
        .post('/api/v1/users')
        .set(as(who))
        .send({ username, password: 'a-password-123', role: 'admin' });

      expect(res.status).toBe(403);
      expect(res.body).toEqual(FORBIDDEN);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      const denied = await api(t)
        .post('/api/v1/auth/login')
        .send({ username, password: 'a-password-123' });
      expect(denied.status).toBe(401);
    });

    it.each(['user', 'admin'])('admin: 201, makes a user with role %s', async (role) => {
      const username = uniqueName('by-admin');
      const res = await api(t)
        .post('/api/v1/users')
        .set(as('admin'))
        .send({ username, password: 'a-password-123', role });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: UUID, username, role });
      const token = await login(t, username, 'a-password-123');
      const me = await api(t).get('/api/v1/users/me').set(bearer(token));
      expect(me.body).toEqual(res.body);
    });

    it('admin: role defaults to user', async () => {
      const username = uniqueName('by-admin');
      const res = await api(t)
        .post('/api/v1/users')
        .set(as('admin'))
        .send({ username, password: 'a-password-123' });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: UUID, username, role: 'user' });
    });
  });

  describe('GET /users/me', () => {
    it.each(ACTORS)('%s: 200 with its own id, username and role', async (who) => {
      const res = await api(t).get('/api/v1/users/me').set(as(who));

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: u[who].id, username: u[who].username, role: u[who].role });
    });
  });

  describe('POST /charge-points', () => {
    it.each<Actor>(['stranger', 'grantee', 'owner'])('%s: 403, nothing registered', async (who) => {
      const before = await rowCounts(t.dataSource);
      const id = uniqueName('CP_BY_USER_');
      const res = await api(t)
        .post('/api/v1/charge-points')
        .set(as(who))
        .send({ id, ownerId: u[who].id, connectors: twoConnectors });

      expect(res.status).toBe(403);
      expect(res.body).toEqual(FORBIDDEN);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      expect((await api(t).get(`/api/v1/charge-points/${id}`).set(as('admin'))).status).toBe(404);
    });

    it('admin: 201 with the new snapshot', async () => {
      const id = uniqueName('CP_BY_ADMIN_');
      const newOwner = await spareUser();
      const res = await api(t)
        .post('/api/v1/charge-points')
        .set(as('admin'))
        .send({ id, ownerId: newOwner.id, connectors: [twoConnectors[0]] });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id,
        online: false,
        lastSeenAt: null,
        vendor: null,
        model: null,
        firmwareVersion: null,
        connectorCount: 1,
        ocppVersion: null, // never connected
        connectors: [
          {
            connectorId: 1,
            type: 'Type2',
            maxPowerW: 22000,
            maxCurrentA: 32,
            status: 'Unknown',
            errorCode: 'NoError',
            powerW: 0,
            energyWh: null,
            transaction: null,
          },
        ],
        seq: 0,
        // registered without one: a generated password, shown this once
        password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      });
      expect(await snapshotAsAdmin(id)).toEqual({ ...res.body, password: undefined });
      expect(await seesCharger(newOwner, id)).toBe(true);
    });
  });

  describe('GET /charge-points', () => {
    it.each<[Actor, string[], string | null]>([
      ['stranger', [], null],
      ['grantee', [CP, CP_MUT], null],
      ['owner', [CP, CP_MUT], 'TAG1'],
    ])('%s: 200 with exactly the chargers it may see', async (who, ids, idTag) => {
      const res = await api(t).get('/api/v1/charge-points').set(as(who));

      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual(ids);
      if (ids.length) expect(res.body.items[0]).toEqual(mainSnapshot(idTag));
    });

    it('admin: 200 with every charger, idTag included', async () => {
      const res = await api(t).get('/api/v1/charge-points').set(as('admin'));

      expect(res.status).toBe(200);
      const ids = res.body.items.map((s: { id: string }) => s.id);
      expect(ids).toEqual(expect.arrayContaining([CP, CP_MUT, CP_ADMIN]));
      expect(res.body.items.find((s: { id: string }) => s.id === CP)).toEqual(mainSnapshot('TAG1'));
    });
  });

  describe('GET /charge-points/{id}', () => {
    it.each<[Actor, string | null]>([
      ['grantee', null],
      ['owner', 'TAG1'],
      ['admin', 'TAG1'],
    ])('%s: 200, the snapshot with idTag %p', async (who, idTag) => {
      const res = await api(t).get(`/api/v1/charge-points/${CP}`).set(as(who));

      expect(res.status).toBe(200);
      expect(res.body).toEqual(mainSnapshot(idTag));
    });

    it('stranger: 404', async () => {
      const res = await api(t).get(`/api/v1/charge-points/${CP}`).set(as('stranger'));

      expect(res.status).toBe(404);
      expect(res.body).toEqual(NOT_FOUND);
    });

    it.each<[Actor, number]>([
      ['stranger', 404],
      ['grantee', 404],
      ['owner', 404],
      ['admin', 200],
    ])("someone else's charger, %s: %i", async (who, status) => {
      const res = await api(t).get(`/api/v1/charge-points/${CP_ADMIN}`).set(as(who));

      expect(res.status).toBe(status);
      expect(res.body).toEqual(
        status === 200 ? expect.objectContaining({ id: CP_ADMIN }) : NOT_FOUND,
      );
    });
  });

  describe('PUT /charge-points/{id}/connectors/{connectorId}', () => {
    it.each<[Actor, number, object]>([
      ['stranger', 404, NOT_FOUND],
      ['grantee', 403, FORBIDDEN],
    ])('%s: %i, the connector unchanged', async (who, status, body) => {
      const before = await snapshotAsAdmin(CP_MUT);
      const res = await api(t)
        .put(`/api/v1/charge-points/${CP_MUT}/connectors/2`)
        .set(as(who))
        .send({ type: 'CHAdeMO', maxPowerW: 1 });

      expect(res.status).toBe(status);
      expect(res.body).toEqual(body);
      expect(await snapshotAsAdmin(CP_MUT)).toEqual(before);
    });

    it.each<[Actor, number]>([
      ['owner', 11000],
      ['admin', 7400],
    ])('%s: 200 with the connector as now configured', async (who, maxPowerW) => {
      const res = await api(t)
        .put(`/api/v1/charge-points/${CP_MUT}/connectors/2`)
        .set(as(who))
        .send({ maxPowerW });

      const connector = {
        connectorId: 2,
        type: 'CCS2',
        maxPowerW,
        maxCurrentA: 125,
        status: 'Unknown',
        errorCode: 'NoError',
        powerW: 0,
        energyWh: null,
        transaction: null,
      };
      expect(res.status).toBe(200);
      expect(res.body).toEqual(connector);
      expect((await snapshotAsAdmin(CP_MUT)).connectors[1]).toEqual(connector);
    });
  });

  describe('POST /charge-points/{id}/grants', () => {
    it.each<[Actor, number, object]>([
      ['stranger', 404, NOT_FOUND],
      ['grantee', 403, FORBIDDEN],
    ])('%s: %i, nobody granted', async (who, status, body) => {
      const spare = await spareUser();
      const before = await rowCounts(t.dataSource);
      const res = await api(t)
        .post(`/api/v1/charge-points/${CP_MUT}/grants`)
        .set(as(who))
        .send({ userId: spare.id });

      expect(res.status).toBe(status);
      expect(res.body).toEqual(body);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      expect(await seesCharger(spare, CP_MUT)).toBe(false);
    });

    it.each<Actor>(['owner', 'admin'])('%s: 201, and the grantee sees the charger', async (who) => {
      const spare = await spareUser();
      const res = await api(t)
        .post(`/api/v1/charge-points/${CP_MUT}/grants`)
        .set(as(who))
        .send({ userId: spare.id });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ chargePointId: CP_MUT, userId: spare.id, level: 'view' });
      expect(await seesCharger(spare, CP_MUT)).toBe(true);
    });
  });

  describe('GET /charge-points/{id}/grants', () => {
    it.each<[Actor, number]>([
      ['stranger', 404],
      ['grantee', 403],
      ['owner', 200],
      ['admin', 200],
    ])('%s: %i', async (who, status) => {
      const res = await api(t).get(`/api/v1/charge-points/${CP}/grants`).set(as(who));

      expect(res.status).toBe(status);
      expect(res.body).toEqual(
        status === 200
          ? {
              items: expect.arrayContaining([
                expect.objectContaining({ userId: u.grantee.id, level: 'view' }),
              ]),
              nextCursor: null,
            }
          : status === 404
            ? NOT_FOUND
            : FORBIDDEN,
      );
    });
  });

  describe('DELETE /charge-points/{id}/grants/{userId}', () => {
    const grantedSpare = async () => {
      const spare = await spareUser();
      const grant = await api(t)
        .post(`/api/v1/charge-points/${CP_MUT}/grants`)
        .set(as('admin'))
        .send({ userId: spare.id });
      expect(grant.status).toBe(201);
      return spare;
    };

    it.each<[Actor, number, object]>([
      ['stranger', 404, NOT_FOUND],
      ['grantee', 403, FORBIDDEN],
    ])('%s: %i, the grant stays', async (who, status, body) => {
      const spare = await grantedSpare();
      const before = await rowCounts(t.dataSource);
      const res = await api(t)
        .delete(`/api/v1/charge-points/${CP_MUT}/grants/${spare.id}`)
        .set(as(who));

      expect(res.status).toBe(status);
      expect(res.body).toEqual(body);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      expect(await seesCharger(spare, CP_MUT)).toBe(true);
    });

    it.each<Actor>(['owner', 'admin'])('%s: 204, and that user no longer sees it', async (who) => {
      const spare = await grantedSpare();
      const res = await api(t)
        .delete(`/api/v1/charge-points/${CP_MUT}/grants/${spare.id}`)
        .set(as(who));

      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await seesCharger(spare, CP_MUT)).toBe(false);
    });
  });

  describe('POST /subscriptions', () => {
    it('stranger: 404, nothing remembered', async () => {
      const before = await rowCounts(t.dataSource);
      const res = await api(t)
        .post('/api/v1/subscriptions')
        .set(as('stranger'))
        .send({ chargePointId: CP_MUT });

      expect(res.status).toBe(404);
      expect(res.body).toEqual(NOT_FOUND);
      expect(await rowCounts(t.dataSource)).toEqual(before);
      expect(await subscriptionsOf('stranger')).toEqual([]);
    });

    it.each<Actor>(['grantee', 'owner', 'admin'])('%s: 201, remembered', async (who) => {
      const res = await api(t)
        .post('/api/v1/subscriptions')
        .set(as(who))
        .send({ chargePointId: CP_MUT });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({ chargePointId: CP_MUT, createdAt: ISO });
      expect(await subscriptionsOf(who)).toContainEqual(res.body);
    });
  });

  describe('GET /subscriptions', () => {
    it('stranger: 200, none', async () => {
      const res = await api(t).get('/api/v1/subscriptions').set(as('stranger'));

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });

    it.each<Actor>(['grantee', 'owner', 'admin'])(
      '%s: 200, its own and no one else’s',
      async (who) => {
        const res = await api(t).get('/api/v1/subscriptions').set(as(who));
        const own = await t.dataSource
          .createQueryBuilder()
          .select('s.charge_point_id', 'chargePointId')
          .from('user_subscriptions', 's')
          .where('s.user_id = :id', { id: u[who].id })
          .orderBy('s.charge_point_id')
          .getRawMany();

        expect(res.status).toBe(200);
        expect(res.body.items).toEqual(
          own.map((s) => ({ chargePointId: s.chargePointId, createdAt: ISO })),
        );
        expect(res.body.items.map((s: { chargePointId: string }) => s.chargePointId)).toContain(CP);
        // only the admin subscribed to CP_ADMIN
        expect(
          res.body.items.some((s: { chargePointId: string }) => s.chargePointId === CP_ADMIN),
        ).toBe(who === 'admin');
      },
    );
  });

  describe('DELETE /subscriptions/{chargePointId}', () => {
    const othersSubscribed = async (who: Actor) =>
      t.dataSource
        .createQueryBuilder()
        .from('user_subscriptions', 's')
        .where('s.charge_point_id = :cp AND s.user_id <> :id', { cp: CP_MUT, id: u[who].id })
        .getCount();

    it('stranger, never subscribed: 404, nobody else’s subscription touched', async () => {
      const before = await rowCounts(t.dataSource);
      const res = await api(t).delete(`/api/v1/subscriptions/${CP_MUT}`).set(as('stranger'));

      expect(res.status).toBe(404);
      expect(res.body).toEqual(NOT_FOUND);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    });

    it.each<Actor>(['grantee', 'owner', 'admin'])(
      '%s: 204, its own forgotten only',
      async (who) => {
        const sub = await api(t)
          .post('/api/v1/subscriptions')
          .set(as(who))
          .send({ chargePointId: CP_MUT });
        expect(sub.status).toBe(201);
        const others = await othersSubscribed(who);

        const res = await api(t).delete(`/api/v1/subscriptions/${CP_MUT}`).set(as(who));

        expect(res.status).toBe(204);
        expect(res.text).toBe('');
        expect((await subscriptionsOf(who)).map((s) => s.chargePointId)).not.toContain(CP_MUT);
        expect(await othersSubscribed(who)).toBe(others);
      },
    );
  });

  describe('a charger the caller may not see answers exactly like one that does not exist', () => {
    const BY_CHARGER: Array<[string, (id: string, a: Actors) => Test]> = [
      ['GET /charge-points/{id}', (id) => api(t).get(`/api/v1/charge-points/${id}`)],
      [
        'PUT /charge-points/{id}/connectors/{connectorId}',
        (id) => api(t).put(`/api/v1/charge-points/${id}/connectors/1`).send({ maxPowerW: 7400 }),
      ],
      [
        'POST /charge-points/{id}/grants',
        (id, a) => api(t).post(`/api/v1/charge-points/${id}/grants`).send({ userId: a.grantee.id }),
      ],
      [
        'DELETE /charge-points/{id}/grants/{userId}',
        (id, a) => api(t).delete(`/api/v1/charge-points/${id}/grants/${a.grantee.id}`),
      ],
      [
        'POST /subscriptions',
        (id) => api(t).post('/api/v1/subscriptions').send({ chargePointId: id }),
      ],
      [
        'DELETE /subscriptions/{chargePointId}',
        (id) => api(t).delete(`/api/v1/subscriptions/${id}`),
      ],
    ];
    const VIEWERS: Array<[Actor, string]> = [
      ['stranger', CP],
      ['grantee', CP_ADMIN],
      ['owner', CP_ADMIN],
    ];
    const cases = BY_CHARGER.flatMap(([route, request]) =>
      VIEWERS.map(([who, hidden]) => [route, who, hidden, request] as const),
    );

    it.each(cases)('%s, %s on %s', async (_route, who, hidden, request) => {
      const before = await rowCounts(t.dataSource);
      const seen: Response = await request(hidden, u).set(as(who));
      const missing: Response = await request(MISSING, u).set(as(who));
      const missingForAdmin: Response = await request(MISSING, u).set(as('admin'));

      expect(seen.status).toBe(404);
      expect(seen.body).toEqual(NOT_FOUND);
      expect(missing.status).toBe(404);
      expect(withoutId(seen.body, hidden)).toEqual(withoutId(missing.body, MISSING));
      expect(withoutId(seen.body, hidden)).toEqual(withoutId(missingForAdmin.body, MISSING));
      expect(await rowCounts(t.dataSource)).toEqual(before);
    });
  });
});
