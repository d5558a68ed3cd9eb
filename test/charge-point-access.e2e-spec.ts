import { startApp, type TestApp } from './helpers/app.js';
import { testDialects } from './helpers/databases.js';
import { registerChargePoint } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// GET /api/v1/charge-points/{id}/access: what the caller may do with a charger (the dashboard
// shows its command buttons from it). A charger the caller may not see is a 404, as everywhere.

const dialects = await testDialects();

describe.each(dialects)("a caller's access to a charger (%s)", (dialect) => {
  let t: TestApp;
  let admin: string;
  let owner: TestUser;
  let operator: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  const CP = 'CP_ACCESS_1';

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'access-owner');
    operator = await createUser(t, admin, 'access-operator');
    viewer = await createUser(t, admin, 'access-viewer');
    stranger = await createUser(t, admin, 'access-stranger');
    await registerChargePoint(t, admin, CP, owner.id);
    for (const [user, level] of [
      [operator, 'operate'],
      [viewer, 'view'],
    ] as const)
      await api(t)
        .post(`/api/v1/charge-points/${CP}/grants`)
        .set(bearer(owner.token))
        .send({ userId: user.id, level })
        .expect(201);
  });
  afterAll(() => t.close());

  const access = (token: string, id = CP) =>
    api(t).get(`/api/v1/charge-points/${id}/access`).set(bearer(token));

  it.each([
    ['admin', () => admin, 'admin', true, true],
    ['owner', () => owner.token, 'owner', true, true],
    ['operate grantee', () => operator.token, 'operator', true, false],
    ['view grantee', () => viewer.token, 'grantee', false, false],
  ])('tells the %s what it may do', async (_, token, level, mayOperate, seesPersonalData) => {
    const res = await access(token());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ chargePointId: CP, access: level, mayOperate, seesPersonalData });
  });

  it('answers 404 alike for a charger the caller may not see and one that does not exist', async () => {
    const hidden = await access(stranger.token);
    const missing = await access(stranger.token, 'CP_ACCESS_NONE');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.message.replace(CP, '<id>')).toBe(
      missing.body.message.replace('CP_ACCESS_NONE', '<id>'),
    );
  });

  it('follows a grant as it changes', async () => {
    await api(t)
      .post(`/api/v1/charge-points/${CP}/grants`)
      .set(bearer(owner.token))
      .send({ userId: viewer.id, level: 'operate' })
      .expect(201);
    expect((await access(viewer.token)).body.mayOperate).toBe(true);
    await api(t)
      .delete(`/api/v1/charge-points/${CP}/grants/${viewer.id}`)
      .set(bearer(owner.token))
      .expect(204);
    expect((await access(viewer.token)).status).toBe(404);
  });

  it('needs a token, and a valid charger id', async () => {
    expect((await api(t).get(`/api/v1/charge-points/${CP}/access`)).status).toBe(401);
    const bad = await access(owner.token, 'bad:id');
    expect(bad.status).toBe(400);
  });
});
