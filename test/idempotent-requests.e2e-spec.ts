import { startApp, type TestApp } from './helpers/app.js';
import { testDialects } from './helpers/databases.js';
import { registerChargePoint } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Issue 13, point 7: identical grant or subscription requests at the same moment all succeed
// (before: a read, then an insert; the second insert hit the primary key, a 500 on PostgreSQL).

const dialects = await testDialects();

describe.each(dialects)('identical requests at once (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let driver: TestUser;

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    admin = await login(t, ADMIN.username, ADMIN.password);
    driver = await createUser(t, admin, 'driver');
    await registerChargePoint(t, admin, 'CP_SHARED');
  });
  afterAll(() => t.close());

  it('grants once, however many identical grants arrive together', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api(t)
          .post('/api/v1/charge-points/CP_SHARED/grants')
          .set(bearer(admin))
          .send({ userId: driver.id, level: 'operate' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const list = await api(t).get('/api/v1/charge-points/CP_SHARED/grants').set(bearer(admin));
    const grants = (Array.isArray(list.body) ? list.body : list.body.items) as Array<{
      userId: string;
      level: string;
    }>;
    expect(grants.filter((g) => g.userId === driver.id)).toEqual([
      expect.objectContaining({ userId: driver.id, level: 'operate' }),
    ]);
  });

  it('remembers a subscription once, however many identical requests arrive together', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api(t)
          .post('/api/v1/subscriptions')
          .set(bearer(driver.token))
          .send({ chargePointId: 'CP_SHARED' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const list = await api(t).get('/api/v1/subscriptions').set(bearer(driver.token));
    const subs = (Array.isArray(list.body) ? list.body : list.body.items) as Array<{
      chargePointId: string;
    }>;
    expect(subs.filter((s) => s.chargePointId === 'CP_SHARED')).toHaveLength(1);
  });
});
