import WebSocket from 'ws';
import { startApp, type TestApp } from './helpers/app.js';
import { ADMIN, api, bearer, login, restEnv } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// What a client author meets first (issue 16): every error says what to fix, in the JSON shape
// the API uses everywhere. These are HTTP-edge behaviours, the same on either database.

/** A refused WebSocket handshake: its status and its body, parsed. */
function refusedHandshake(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('handshake timed out'));
    }, 5000);
    ws.once('open', () => {
      clearTimeout(timer);
      ws.close();
      reject(new Error('handshake was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        clearTimeout(timer);
        ws.terminate();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('errors a client author meets', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    // no dashboard built here (test/dashboard.e2e-spec.ts covers the page at /)
    t = await startApp('sqlite', { ...restEnv, DASHBOARD_DIR: 'no-dashboard-here' });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  describe('validation', () => {
    it('names a missing field once, as required, not by the rules of its value', async () => {
      const res = await api(t).post('/api/v1/users').set(bearer(adminToken)).send({});
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['username is required', 'password is required'],
      });
    });

    it('gives a present but bad field its first failing rule only', async () => {
      const res = await api(t)
        .post('/api/v1/users')
        .set(bearer(adminToken))
        .send({ username: 42, password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        'username must be a string',
        'password must be longer than or equal to 8 characters',
      ]);
    });

    it('names nested fields by their path and unknown fields as unknown', async () => {
      const res = await api(t)
        .post('/api/v1/charge-points')
        .set(bearer(adminToken))
        .send({ id: 'CP_ERR_1', connectors: [{ type: 'Type2' }], colour: 'red' });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(
        expect.arrayContaining([
          'connectors.0.connectorId is required',
          'colour is not a known field',
        ]),
      );
      expect(res.body.message).toHaveLength(2);
    });
  });

  describe('content type', () => {
    it('answers a JSON body sent without content-type with 415 that says so', async () => {
      // what `curl -d '{...}'` does: the body goes out as a form
      const res = await api(t)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('{"username":"admin","password":"x"}');
      expect(res.status).toBe(415);
      expect(res.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: expect.stringContaining('application/json'),
      });
    });

    it('answers a body with no content-type at all with 415 too', async () => {
      const res = await fetch(`${t.httpUrl}/api/v1/auth/login`, {
        method: 'POST',
        body: new Uint8Array(Buffer.from('{"username":"admin","password":"x"}')),
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ message: expect.stringMatching(/no Content-Type/) });
    });

    it('takes JSON with a charset, and bodiless requests, as before', async () => {
      const res = await api(t)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ username: ADMIN.username, password: ADMIN.password }));
      expect(res.status).toBe(200);
      const me = await api(t).get('/api/v1/users/me').set(bearer(adminToken));
      expect(me.status).toBe(200);
    });
  });

  describe('unknown routes', () => {
    it('answers GET / with JSON that points to the docs when no dashboard is built', async () => {
      const res = await api(t).get('/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ docs: '/docs', api: '/api/v1', realtime: '/ws/users' });
    });

    it.each(['/nope', '/api/v1/nope', '/ocpp'])('answers %s with a JSON 404', async (path) => {
      const res = await api(t).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: expect.stringContaining(path),
      });
    });

    it('leaves the routes that exist alone', async () => {
      expect((await api(t).get('/health/live')).status).toBe(200);
      expect((await api(t).get('/docs-json')).status).toBe(200);
    });
  });

  describe('/ws/users handshake refusals', () => {
    it('says that the token is missing', async () => {
      const res = await refusedHandshake(`${t.wsUrl}/ws/users`);
      expect(res).toEqual({
        status: 401,
        body: {
          statusCode: 401,
          error: 'Unauthorized',
          message: expect.stringMatching(/No access token.*Authorization: Bearer/),
        },
      });
    });

    it('says that the token is invalid', async () => {
      const res = await refusedHandshake(`${t.wsUrl}/ws/users?access_token=not-a-jwt`);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/invalid or expired/) });
    });

    it('says which path has no WebSocket endpoint', async () => {
      const res = await refusedHandshake(`${t.wsUrl}/ws/elsewhere`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        statusCode: 404,
        message: expect.stringContaining('/ws/elsewhere'),
      });
    });
  });

  it('answers a realtime subscribe to an unknown charger with its chargePointId', async () => {
    const u = await connectUser(t.wsUrl, adminToken);
    try {
      u.send({ action: 'subscribe', chargePointId: 'CP_NOBODY' });
      const reply = await u.next((m) => m.type === 'error');
      expect(reply).toMatchObject({ code: 'not_found', chargePointId: 'CP_NOBODY' });
    } finally {
      u.close();
    }
  });
});
