import { hashChargerSecret } from '../src/common/crypto/charger-secret.js';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { handshakeStatus } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { api, restEnv } from './helpers/rest.js';

// Issue 13, point 4: authentication that attackers cannot turn against users or the server.

const dialects = await testDialects();
const PASSWORD = 'the-right-charger-secret';

const basicAuth = (id: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`,
});

describe.each(dialects)('authentication hardening (%s)', (dialect) => {
  let t: TestApp;
  const url = (id: string) => `${t.wsUrl}/ocpp/${id}`;

  beforeAll(async () => {
    t = await startApp(dialect, {
      ...restEnv,
      TRUST_PROXY: 'true',
      OCPP_HANDSHAKE_FAILURES_PER_MIN: '5',
    });
    await t.dataSource.manager.insert(ChargePointEntity, {
      id: 'CP_TARGET',
      passwordHash: hashChargerSecret(PASSWORD),
    });
  });
  afterAll(() => t.close());

  it('holds a flood of wrong-password handshakes to the limit per id and address (429), checking no more', async () => {
    const from = (address: string, password: string) =>
      handshakeStatus(url('CP_TARGET'), {
        headers: { ...basicAuth('CP_TARGET', password), 'x-forwarded-for': address },
      });
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) => from('198.51.100.1', `wrong-secret-${i}`)),
    );
    expect(flood.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(flood.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    // the guesser is held back; the charger itself, from its own address, is not
    await expect(from('198.51.100.1', PASSWORD)).resolves.toBe(429);
    await expect(from('198.51.100.2', PASSWORD)).resolves.toBe(101);
  });

  it('answers a deeply nested JSON body with a 400 that says why, not a 500', async () => {
    const deep = `{"username":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"password":"x"}`;
    const res = await api(t)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(deep);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('nested deeper than'),
    });
  });
});
