import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { handshakeStatus } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { ADMIN, api, bearer, login, restEnv } from './helpers/rest.js';

// Issue 13, point 5: defaults that are safe on a real network.

const dialects = await testDialects();

const basicAuth = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
});

/** The status an OCPP upgrade request for this exact path is answered with. */
function upgradeStatus(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    // host, port and path apart: a URL string would have its '..' resolved
    const req = httpRequest({
      host: hostname,
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': 'ocpp1.6',
      },
      timeout: 5000,
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.once('timeout', () => req.destroy(new Error('upgrade timed out')));
    req.once('error', reject);
    req.end();
  });
}

describe.each(dialects)('safe defaults (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  const url = (path: string) => `${t.wsUrl}/ocpp/${path}`;

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' });
    admin = await login(t, ADMIN.username, ADMIN.password);
  });
  afterAll(() => t.close());

  it('gives a charger registered without a password a generated one, shown once', async () => {
    const res = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      .send({ id: 'CP_NEW' });
    expect(res.status).toBe(201);
    const password = res.body.password as string;
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // reachable with it only, not by its id alone
    await expect(handshakeStatus(url('CP_NEW'))).resolves.toBe(401);
    await expect(
      handshakeStatus(url('CP_NEW'), { headers: basicAuth('CP_NEW', password) }),
    ).resolves.toBe(101);
    const read = await api(t).get('/api/v1/charge-points/CP_NEW').set(bearer(admin));
    expect(read.body).not.toHaveProperty('password');
  });

  it('registers a profile 3 charger without a password, and refuses one with a password', async () => {
    const cert = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      .send({ id: 'CP_CERT', securityProfile: 3 });
    expect(cert.status).toBe(201);
    expect(cert.body.password).toBeNull();
    const bad = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      .send({ id: 'CP_CERT_2', securityProfile: 3, password: 'a-password-of-sixteen' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/profile 3/);
    const wrong = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      .send({ id: 'CP_CERT_3', securityProfile: 4 });
    expect(wrong.status).toBe(400);
    await expect(
      t.dataSource.manager.countBy(ChargePointEntity, { id: 'CP_CERT_2' }),
    ).resolves.toBe(0);
  });

  it("changes a charger's profile and password by PATCH, from its next connection", async () => {
    const patch = (body: object) =>
      api(t).patch('/api/v1/charge-points/CP_PATCHED').set(bearer(admin)).send(body);
    const reg = await api(t)
      .post('/api/v1/charge-points')
      .set(bearer(admin))
      .send({ id: 'CP_PATCHED', password: 'first-password-0001' });
    expect(reg.status).toBe(201);
    const plain = (password: string) =>
      handshakeStatus(url('CP_PATCHED'), { headers: basicAuth('CP_PATCHED', password) });
    await expect(plain('first-password-0001')).resolves.toBe(101);

    // profile 2 needs TLS: a plain connection is now below it
    expect((await patch({ securityProfile: 2 })).status).toBe(200);
    await expect(plain('first-password-0001')).resolves.toBe(401);

    // profile 3 drops the password; back to 1 without one: a generated one, shown once
    expect((await patch({ securityProfile: 3 })).body).not.toHaveProperty('password');
    const back = await patch({ securityProfile: 1 });
    expect(back.status).toBe(200);
    expect(back.body.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect(plain('first-password-0001')).resolves.toBe(401);
    await expect(plain(back.body.password)).resolves.toBe(101);

    // a new password of one's choosing
    expect((await patch({ password: 'second-password-002' })).body).not.toHaveProperty('password');
    await expect(plain('second-password-002')).resolves.toBe(101);

    expect((await patch({ securityProfile: 0 })).status).toBe(400);
    expect((await patch({ securityProfile: 3, password: 'second-password-002' })).status).toBe(400);
    const nobody = await api(t)
      .patch('/api/v1/charge-points/CP_NOBODY')
      .set(bearer(admin))
      .send({ securityProfile: 2 });
    expect(nobody.status).toBe(404);
    const anonymous = await api(t)
      .patch('/api/v1/charge-points/CP_PATCHED')
      .send({ securityProfile: 1 });
    expect(anonymous.status).toBe(401);
  });

  it('validates the identity the OCPP library reads: /ocpp/.. is refused and registers nothing', async () => {
    // sent as they are (WebSocket clients resolve '..' in their URL before sending)
    for (const path of ['/ocpp/..', '/ocpp/%2E%2E', '/ocpp/.'])
      await expect(upgradeStatus(t.httpUrl, path)).resolves.toBe(400);
    await expect(t.dataSource.manager.countBy(ChargePointEntity, { id: '' })).resolves.toBe(0);
  });

  it('sends security headers, and no X-Powered-By', async () => {
    const res = await api(t).get('/health/live');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
  });
});

describe('the generated admin password', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('is written once to a file beside the database, readable by its owner only (JSON logs)', async () => {
    t = await startApp('sqlite', { ADMIN_PASSWORD: '', LOG_FORMAT: 'json' });
    const file = join(dirname(t.db.env.SQLITE_PATH), 'admin-password.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [username, password] = readFileSync(file, 'utf8').split('\n');
    expect(username).toBe('admin');
    await expect(login(t, username, password)).resolves.toMatch(/\S/);
  });
});
