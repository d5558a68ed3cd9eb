import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { startApp, type TestApp } from './helpers/app.js';
import { testDialects } from './helpers/databases.js';
import { rowCounts } from './helpers/db.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Bad input is a 400 (409 for a duplicate) that names the problem, in the error shape of
// contract section 2, and nothing is written. Then login's refusals and rate limits, and the
// OpenAPI document.

const dialects = await testDialects();

const CP = 'CP_INPUT_1';
const CP_PASSWORD = 'charger-password-123';
const PASSWORD = 'a-password-123';

/** Asserts a 400 in the error shape whose message names every one of `mentions`. */
function expectBadRequest(res: Response, mentions: string[]) {
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
  const text = [res.body.message].flat().join('\n');
  for (const m of mentions) expect(text).toContain(m);
}

const connector = (o: Record<string, unknown> = {}) => ({ connectorId: 1, type: 'Type2', ...o });
/** A registration of CP_NEW whose one connector has these overrides. */
const withConnector = (o: Record<string, unknown>) => ({
  id: 'CP_NEW',
  connectors: [connector(o)],
});

describe.each(dialects)('REST input validation (%s)', (dialect) => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;

  const asAdmin = () => bearer(adminToken);
  /** The response, after checking that no table gained or lost a row because of it. */
  const nothingWritten = async (request: () => Test): Promise<Response> => {
    const before = await rowCounts(t.dataSource);
    const res = await request();
    expect(await rowCounts(t.dataSource)).toEqual(before);
    return res;
  };
  const chargePointRow = (id: string) =>
    t.dataSource
      .createQueryBuilder()
      .select('*')
      .from('charge_points', 'c')
      .where('c.id = :id', { id })
      .getRawOne();
  const snapshot = async (id: string) =>
    (await api(t).get(`/api/v1/charge-points/${id}`).set(asAdmin())).body;

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, LOGIN_RATE_LIMIT_PER_IP: '10000' });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, 'owner');
    const reg = await api(t)
      .post('/api/v1/charge-points')
      .set(asAdmin())
      .send({
        id: CP,
        ownerId: owner.id,
        password: CP_PASSWORD,
        connectors: [
          { connectorId: 1, type: 'Type2', maxPowerW: 22000, maxCurrentA: 32 },
          { connectorId: 2, type: 'CCS2', maxPowerW: 50000, maxCurrentA: 125 },
        ],
      });
    expect(reg.status).toBe(201);
  });
  afterAll(() => t.close());

  describe('POST /users', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['no fields', {}, ['username', 'password']],
      ['no username', { password: PASSWORD }, ['username']],
      ['no password', { username: 'newbie' }, ['password']],
      ['an unknown field', { username: 'newbie', password: PASSWORD, isAdmin: true }, ['isAdmin']],
      ['role "root"', { username: 'newbie', password: PASSWORD, role: 'root' }, ['role']],
      ['a 65-character username', { username: 'u'.repeat(65), password: PASSWORD }, ['username']],
      ['a 2-character username', { username: 'ab', password: PASSWORD }, ['username']],
      ['a username with a space', { username: 'new bie', password: PASSWORD }, ['username']],
      ['a numeric username', { username: 12345, password: PASSWORD }, ['username']],
      ['a 257-character password', { username: 'newbie', password: 'p'.repeat(257) }, ['password']],
      ['a 7-character password', { username: 'newbie', password: 'short12' }, ['password']],
      ['a numeric password', { username: 'newbie', password: 12345678 }, ['password']],
    ])('%s: 400 naming it, no user', async (_case, body, mentions) => {
      const res = await nothingWritten(() =>
        api(t).post('/api/v1/users').set(asAdmin()).send(body),
      );

      expectBadRequest(res, mentions);
    });

    it('takes a 64-character username and a 256-character password (the limits)', async () => {
      const username = 'u'.repeat(64);
      const res = await api(t)
        .post('/api/v1/users')
        .set(asAdmin())
        .send({ username, password: 'p'.repeat(256) });

      expect(res.status).toBe(201);
      expect(await login(t, username, 'p'.repeat(256))).toEqual(expect.any(String));
    });

    it('a username taken already: 409, and the existing user unchanged', async () => {
      const res = await nothingWritten(() =>
        api(t)
          .post('/api/v1/users')
          .set(asAdmin())
          .send({ username: owner.username, password: 'another-password', role: 'admin' }),
      );

      expect(res.status).toBe(409);
      expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: expect.any(String) });
      expect(res.body.message).toContain(owner.username);
      const me = await api(t)
        .get('/api/v1/users/me')
        .set(bearer(await login(t, owner.username, `${owner.username}-password`)));
      expect(me.body).toEqual({ id: owner.id, username: owner.username, role: 'user' });
      const withNew = await api(t)
        .post('/api/v1/auth/login')
        .send({ username: owner.username, password: 'another-password' });
      expect(withNew.status).toBe(401);
    });
  });

  describe('POST /charge-points', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['no id', {}, ['id']],
      ['a 49-character id', { id: 'C'.repeat(49) }, ['id']],
      ['an id with ":"', { id: 'CP:1' }, ['id']],
      ['an id with a space', { id: 'CP 1' }, ['id']],
      ['an id with "/"', { id: 'CP/1' }, ['id']],
      ['an id with "é"', { id: 'CPé' }, ['id']],
      ['an empty id', { id: '' }, ['id']],
      ['a numeric id', { id: 42 }, ['id']],
      ['an unknown field', { id: 'CP_NEW', colour: 'red' }, ['colour']],
      ['an ownerId that is not a UUID', { id: 'CP_NEW', ownerId: 'alice' }, ['ownerId']],
      ['an ownerId of no user', { id: 'CP_NEW', ownerId: randomUUID() }, ['ownerId']],
      ['a 15-character password', { id: 'CP_NEW', password: 'p'.repeat(15) }, ['password']],
      ['a 41-character password', { id: 'CP_NEW', password: 'p'.repeat(41) }, ['password']],
      ['connectors not an array', { id: 'CP_NEW', connectors: connector() }, ['connectors']],
      ['a connector that is null', { id: 'CP_NEW', connectors: [null] }, ['connectors']],
      ['a connector that is a string', { id: 'CP_NEW', connectors: ['Type2'] }, ['connectors']],
      [
        'a connector without connectorId',
        { id: 'CP_NEW', connectors: [{ type: 'Type2' }] },
        ['connectorId'],
      ],
      ['a connector without type', { id: 'CP_NEW', connectors: [{ connectorId: 1 }] }, ['type']],
      ['connectorId "1"', withConnector({ connectorId: '1' }), ['connectorId']],
      ['connectorId 0', withConnector({ connectorId: 0 }), ['connectorId']],
      ['connectorId 1.5', withConnector({ connectorId: 1.5 }), ['connectorId']],
      ['connectorId 101', withConnector({ connectorId: 101 }), ['connectorId']],
      ['a 33-character type', withConnector({ type: 'T'.repeat(33) }), ['type']],
      ['an empty type', withConnector({ type: '' }), ['type']],
      ['maxPowerW -5', withConnector({ maxPowerW: -5 }), ['maxPowerW']],
      ['maxPowerW "22000"', withConnector({ maxPowerW: '22000' }), ['maxPowerW']],
      ['maxCurrentA 2001', withConnector({ maxCurrentA: 2001 }), ['maxCurrentA']],
      ['a connector with an unknown field', withConnector({ voltage: 230 }), ['voltage']],
      [
        'a connectorId twice',
        { id: 'CP_NEW', connectors: [connector(), connector({ type: 'CCS2' })] },
        ['connectorId'],
      ],
    ])('%s: 400 naming it, nothing registered', async (_case, body, mentions) => {
      const res = await nothingWritten(() =>
        api(t).post('/api/v1/charge-points').set(asAdmin()).send(body),
      );

      expectBadRequest(res, mentions);
      expect((await api(t).get('/api/v1/charge-points/CP_NEW').set(asAdmin())).status).toBe(404);
    });

    it('takes a 48-character id of every allowed character and a 32-character type', async () => {
      const id = 'Az09*-_=+|@.'.repeat(4);
      const res = await api(t)
        .post('/api/v1/charge-points')
        .set(asAdmin())
        .send({ id, connectors: [connector({ type: 'T'.repeat(32) })] });

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id, connectors: [{ type: 'T'.repeat(32) }] });
    });

    it('an id registered already: 409, and the charger unchanged', async () => {
      const row = await chargePointRow(CP);
      const before = await snapshot(CP);
      const res = await nothingWritten(() =>
        api(t)
          .post('/api/v1/charge-points')
          .set(asAdmin())
          .send({
            id: CP,
            password: 'another-password-4567',
            connectors: [
              connector({ connectorId: 1, type: 'CHAdeMO' }),
              connector({ connectorId: 3 }),
            ],
          }),
      );

      expect(res.status).toBe(409);
      expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: expect.any(String) });
      expect(res.body.message).toContain(CP);
      expect(await chargePointRow(CP)).toEqual(row); // owner and password hash too
      expect(await snapshot(CP)).toEqual(before);
    });
  });

  describe('PUT /charge-points/{id}/connectors/{connectorId}', () => {
    const put = (path: string, body: unknown) =>
      api(t)
        .put(`/api/v1/charge-points/${path}`)
        .set(asAdmin())
        .send(body as object);

    it.each<[string, string, unknown, string[]]>([
      ['an empty body', `${CP}/connectors/1`, {}, ['type', 'maxPowerW', 'maxCurrentA']],
      ['a 33-character type', `${CP}/connectors/1`, { type: 'T'.repeat(33) }, ['type']],
      ['an empty type', `${CP}/connectors/1`, { type: '' }, ['type']],
      ['maxPowerW -5', `${CP}/connectors/1`, { maxPowerW: -5 }, ['maxPowerW']],
      ['maxPowerW "22000"', `${CP}/connectors/1`, { maxPowerW: '22000' }, ['maxPowerW']],
      ['maxCurrentA 1.5', `${CP}/connectors/1`, { maxCurrentA: 1.5 }, ['maxCurrentA']],
      ['an unknown field', `${CP}/connectors/1`, { type: 'CCS2', colour: 'red' }, ['colour']],
      ['connectorId in the body', `${CP}/connectors/1`, { connectorId: 2 }, ['connectorId']],
      ['connectorId "abc" in the path', `${CP}/connectors/abc`, { type: 'CCS2' }, ['connectorId']],
      ['connectorId 0 in the path', `${CP}/connectors/0`, { type: 'CCS2' }, ['connectorId']],
      ['connectorId 101 in the path', `${CP}/connectors/101`, { type: 'CCS2' }, ['connectorId']],
      ['connectorId 1.5 in the path', `${CP}/connectors/1.5`, { type: 'CCS2' }, ['connectorId']],
      ['connectorId -1 in the path', `${CP}/connectors/-1`, { type: 'CCS2' }, ['connectorId']],
      [
        'a 49-character id in the path',
        `${'C'.repeat(49)}/connectors/1`,
        { type: 'CCS2' },
        ['chargePointId'],
      ],
      ['an id with ":" in the path', 'CP:1/connectors/1', { type: 'CCS2' }, ['chargePointId']],
      ['an id with "%20" in the path', 'CP%201/connectors/1', { type: 'CCS2' }, ['chargePointId']],
    ])('%s: 400 naming it, the connector unchanged', async (_case, path, body, mentions) => {
      const before = await snapshot(CP);
      const res = await nothingWritten(() => put(path, body));

      expectBadRequest(res, mentions);
      expect(await snapshot(CP)).toEqual(before); // seq too: no ConnectorConfigured
    });
  });

  describe('chargePointId in the path', () => {
    const BAD_IDS: Array<[string, string]> = [
      ['49 characters', 'C'.repeat(49)],
      ['":"', 'CP:1'],
      ['a space', 'CP%201'],
      ['"é"', 'CP%C3%A9'],
      ['"#"', 'CP%231'],
    ];
    const ROUTES: Array<[string, (id: string) => Test]> = [
      ['GET /charge-points/{id}', (id) => api(t).get(`/api/v1/charge-points/${id}`)],
      [
        'POST /charge-points/{id}/grants',
        (id) => api(t).post(`/api/v1/charge-points/${id}/grants`).send({ userId: owner.id }),
      ],
      [
        'DELETE /charge-points/{id}/grants/{userId}',
        (id) => api(t).delete(`/api/v1/charge-points/${id}/grants/${owner.id}`),
      ],
      [
        'DELETE /subscriptions/{chargePointId}',
        (id) => api(t).delete(`/api/v1/subscriptions/${id}`),
      ],
    ];
    const cases = ROUTES.flatMap(([route, request]) =>
      BAD_IDS.map(([what, id]) => [route, what, id, request] as const),
    );

    it.each(cases)('%s with %s: 400 naming chargePointId', async (_route, _what, id, request) => {
      const res = await nothingWritten(() => request(id).set(asAdmin()));

      expectBadRequest(res, ['chargePointId']);
    });

    it('DELETE /charge-points/{id}/grants/{userId} with a userId that is not a UUID: 400', async () => {
      const res = await nothingWritten(() =>
        api(t).delete(`/api/v1/charge-points/${CP}/grants/alice`).set(asAdmin()),
      );

      expectBadRequest(res, ['userId']);
    });
  });

  describe('POST /charge-points/{id}/grants', () => {
    it.each<[string, () => Record<string, unknown>, string[]]>([
      ['no userId', () => ({}), ['userId']],
      ['a userId that is not a UUID', () => ({ userId: 'alice' }), ['userId']],
      ['a userId of no user', () => ({ userId: randomUUID() }), ['userId']],
      ['a numeric userId', () => ({ userId: 42 }), ['userId']],
      ['an unknown field', () => ({ userId: owner.id, canEdit: true }), ['canEdit']],
    ])('%s: 400 naming it, nobody granted', async (_case, body, mentions) => {
      const res = await nothingWritten(() =>
        api(t).post(`/api/v1/charge-points/${CP}/grants`).set(asAdmin()).send(body()),
      );

      expectBadRequest(res, mentions);
    });
  });

  describe('POST /subscriptions', () => {
    it.each<[string, Record<string, unknown>]>([
      ['no chargePointId', {}],
      ['a 49-character chargePointId', { chargePointId: 'C'.repeat(49) }],
      ['a chargePointId with ":"', { chargePointId: 'CP:1' }],
      ['an empty chargePointId', { chargePointId: '' }],
      ['a numeric chargePointId', { chargePointId: 42 }],
    ])('%s: 400 naming it, nothing remembered', async (_case, body) => {
      const res = await nothingWritten(() =>
        api(t).post('/api/v1/subscriptions').set(bearer(owner.token)).send(body),
      );

      expectBadRequest(res, ['chargePointId']);
    });

    it('an unknown field: 400 naming it, nothing remembered', async () => {
      const res = await nothingWritten(() =>
        api(t)
          .post('/api/v1/subscriptions')
          .set(bearer(owner.token))
          .send({ chargePointId: CP, sinceSeq: 3 }),
      );

      expectBadRequest(res, ['sinceSeq']);
    });
  });

  describe('a body that is not a JSON object', () => {
    const ROUTES: Array<[string, () => Test]> = [
      ['POST /auth/login', () => api(t).post('/api/v1/auth/login')],
      ['POST /users', () => api(t).post('/api/v1/users').set(asAdmin())],
      ['POST /charge-points', () => api(t).post('/api/v1/charge-points').set(asAdmin())],
      [
        'PUT /charge-points/{id}/connectors/{connectorId}',
        () => api(t).put(`/api/v1/charge-points/${CP}/connectors/1`).set(asAdmin()),
      ],
      [
        'POST /charge-points/{id}/grants',
        () => api(t).post(`/api/v1/charge-points/${CP}/grants`).set(asAdmin()),
      ],
      ['POST /subscriptions', () => api(t).post('/api/v1/subscriptions').set(asAdmin())],
    ];

    it.each(ROUTES)('%s, malformed JSON: 400, nothing written', async (_route, request) => {
      const res = await nothingWritten(() =>
        request().set('Content-Type', 'application/json').send('{"id": "CP_NEW", "ownerId":'),
      );

      expectBadRequest(res, ['JSON']);
    });

    // The filter means to answer "Request body is not valid JSON"; the parser's own message
    // names neither the body as the culprit, and it quotes the body's text back.
    it.each(['{"id": "CP_NEW", "ownerId":', '{"username": "admin", "password": hunter2}'])(
      'malformed JSON %s: the message says the body is not JSON, and quotes none of it',
      async (body) => {
        const res = await api(t)
          .post('/api/v1/auth/login')
          .set('Content-Type', 'application/json')
          .send(body);

        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringMatching(/body.*JSON/i),
        });
        expect(res.body.message).not.toMatch(/hunter2|assword/);
      },
    );

    it.each(ROUTES)('%s, a JSON array: 400', async (_route, request) => {
      const res = await nothingWritten(() =>
        request().set('Content-Type', 'application/json').send('[{"id": "CP_NEW"}]'),
      );

      expectBadRequest(res, []);
    });

    it.each(ROUTES)('%s, a JSON string: 400', async (_route, request) => {
      const res = await nothingWritten(() =>
        request().set('Content-Type', 'application/json').send('"CP_NEW"'),
      );

      expectBadRequest(res, []);
    });
  });

  describe('POST /auth/login', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['no fields', {}, ['username', 'password']],
      ['no password', { username: ADMIN.username }, ['password']],
      ['a 65-character username', { username: 'u'.repeat(65), password: PASSWORD }, ['username']],
      [
        'a 257-character password',
        { username: ADMIN.username, password: 'p'.repeat(257) },
        ['password'],
      ],
      ['a numeric password', { username: ADMIN.username, password: 12345678 }, ['password']],
      ['an unknown field', { ...ADMIN, rememberMe: true }, ['rememberMe']],
    ])('%s: 400 naming it', async (_case, body, mentions) => {
      const res = await nothingWritten(() => api(t).post('/api/v1/auth/login').send(body));

      expectBadRequest(res, mentions);
    });

    it('a wrong password and an unknown user get the same generic 401', async () => {
      const wrongPassword = await api(t)
        .post('/api/v1/auth/login')
        .send({ username: ADMIN.username, password: 'not-the-password' });
      const unknownUser = await api(t)
        .post('/api/v1/auth/login')
        .send({ username: 'nobody-by-this-name', password: 'not-the-password' });

      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(/\S/),
      });
      expect(unknownUser.status).toBe(401);
      expect(unknownUser.body).toEqual(wrongPassword.body);
      expect(wrongPassword.body.message).not.toMatch(/password is wrong|no such user|not found/i);
    });
  });

  describe('the OpenAPI document', () => {
    const ROUTES: Array<[string, string]> = [
      ['post', '/api/v1/auth/login'],
      ['post', '/api/v1/users'],
      ['get', '/api/v1/users/me'],
      ['post', '/api/v1/charge-points'],
      ['get', '/api/v1/charge-points'],
      ['get', '/api/v1/charge-points/{id}'],
      ['put', '/api/v1/charge-points/{id}/connectors/{connectorId}'],
      ['post', '/api/v1/charge-points/{id}/grants'],
      ['delete', '/api/v1/charge-points/{id}/grants/{userId}'],
      ['post', '/api/v1/subscriptions'],
      ['get', '/api/v1/subscriptions'],
      ['delete', '/api/v1/subscriptions/{chargePointId}'],
      // contract section 7
      ['get', '/api/v1/users'],
      ['get', '/api/v1/users/{id}'],
      ['patch', '/api/v1/users/{id}'],
      ['delete', '/api/v1/users/{id}'],
      ['put', '/api/v1/users/me/password'],
      ['put', '/api/v1/users/{id}/password'],
      ['patch', '/api/v1/charge-points/{id}'],
      ['delete', '/api/v1/charge-points/{id}'],
      ['get', '/api/v1/charge-points/{id}/grants'],
      ['get', '/api/v1/charge-points/{id}/meter-values'],
      ['post', '/api/v1/id-tags'],
      ['get', '/api/v1/id-tags'],
      ['get', '/api/v1/id-tags/{idTag}'],
      ['patch', '/api/v1/id-tags/{idTag}'],
      ['delete', '/api/v1/id-tags/{idTag}'],
      ['get', '/api/v1/users/me/id-tags'],
      ['get', '/api/v1/transactions'],
      ['get', '/api/v1/transactions/{id}'],
    ];

    it('/docs-json is served without a token: an OpenAPI 3 document of every route', async () => {
      const res = await api(t).get('/docs-json');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.openapi).toMatch(/^3\./);
      const listed = Object.entries(res.body.paths as Record<string, object>).flatMap(
        ([path, ops]) => Object.keys(ops).map((method) => [method, path]),
      );
      expect(listed).toEqual(expect.arrayContaining(ROUTES));
      // bearer everywhere but login
      expect(res.body.security).toEqual([{ bearer: [] }]);
      expect(res.body.paths['/api/v1/auth/login'].post.security).toEqual([]);
      for (const [method, path] of ROUTES.slice(1)) {
        expect(res.body.paths[path][method].security ?? res.body.security).toEqual([
          { bearer: [] },
        ]);
      }
    });

    it('/docs is served without a token: the Swagger UI page', async () => {
      const res = await api(t).get('/docs');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});

// The limiter keeps its counts in memory, not in the database: one dialect is enough.
describe('login rate limits', () => {
  const attempt = (t: TestApp, username: string, password: string) =>
    api(t).post('/api/v1/auth/login').send({ username, password });
  const expectRateLimited = (res: Response, maxRetryAfterS: number) => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/\S/),
    });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(maxRetryAfterS);
  };

  describe('per username (LOGIN_RATE_LIMIT_PER_USERNAME=3)', () => {
    let t: TestApp;
    let victim: TestUser;

    beforeAll(async () => {
      t = await startApp('sqlite', {
        ...restEnv,
        LOGIN_RATE_LIMIT_PER_USERNAME: '3',
        LOGIN_RATE_LIMIT_PER_IP: '1000',
      });
      victim = await createUser(t, await login(t, ADMIN.username, ADMIN.password), 'victim');
    });
    afterAll(() => t.close());

    it('the 4th failed attempt is 429 with Retry-After, and then even the right password', async () => {
      for (let i = 1; i <= 3; i++) {
        expect((await attempt(t, victim.username, `wrong-${i}`)).status).toBe(401);
      }

      expectRateLimited(await attempt(t, victim.username, 'wrong-4'), 15 * 60);
      expectRateLimited(await attempt(t, victim.username, `${victim.username}-password`), 15 * 60);
    });

    it('another username is not affected', async () => {
      expect((await attempt(t, ADMIN.username, ADMIN.password)).status).toBe(200);
    });

    it('failed attempts sent at once are held to the limit too', async () => {
      const target = await createUser(t, await login(t, ADMIN.username, ADMIN.password), 'target');
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(t, target.username, `wrong-${i}`)),
      );
      const statuses = burst.map((r) => r.status);

      // at most 3 passwords may be tried; every other attempt is refused unchecked
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
      expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
      expectRateLimited(await attempt(t, target.username, `${target.username}-password`), 15 * 60);
    });

    it('and the admin still gets in after all that', async () => {
      expect((await attempt(t, ADMIN.username, ADMIN.password)).status).toBe(200);
    });
  });

  describe('per address (LOGIN_RATE_LIMIT_PER_IP=3)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startApp('sqlite', { ...restEnv, LOGIN_RATE_LIMIT_PER_IP: '3' });
    });
    afterAll(() => t.close());

    it('after 3 failures from one address, the next attempt is 429 with Retry-After, whoever it names', async () => {
      expect((await attempt(t, 'first', 'wrong-password')).status).toBe(401);
      // a success is not counted
      expect((await attempt(t, ADMIN.username, ADMIN.password)).status).toBe(200);
      expect((await attempt(t, 'second', 'wrong-password')).status).toBe(401);
      expect((await attempt(t, 'third', 'wrong-password')).status).toBe(401);

      expectRateLimited(await attempt(t, ADMIN.username, ADMIN.password), 60);
      expectRateLimited(await attempt(t, 'fourth', 'wrong-password'), 60);
    });

    it('a forged X-Forwarded-For does not make a new address', async () => {
      const res = await attempt(t, ADMIN.username, ADMIN.password).set(
        'X-Forwarded-For',
        '203.0.113.7',
      );

      expectRateLimited(res, 60);
    });
  });

  // issue 13: ten wrong passwords used to lock any account, the admin's included, for everyone
  describe('a lockout cannot be turned against a user (TRUST_PROXY, failures per username and address)', () => {
    let t: TestApp;
    const from = (address: string, username: string, password: string) =>
      attempt(t, username, password).set('X-Forwarded-For', address);

    beforeAll(async () => {
      t = await startApp('sqlite', { ...restEnv, TRUST_PROXY: 'true' });
    });
    afterAll(() => t.close());

    it('ten wrong admin passwords from one address back that address off, and nobody else', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await from('203.0.113.7', ADMIN.username, `wrong-${i}`)).status).toBe(401);
      }
      // a back-off of a minute, not a 15-minute lock
      expectRateLimited(await from('203.0.113.7', ADMIN.username, ADMIN.password), 60);
      expect((await from('203.0.113.8', ADMIN.username, ADMIN.password)).status).toBe(200);
    });
  });
});
