import { startApp, type TestApp } from './helpers/app.js';
import { closeCode, registerChargePoint, registryEmpty, sleep } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// Contract section 3: a session has limits on message size, message rate and number of
// subscriptions; on close, all its subscriptions are cleaned up.
describe('/ws/users session limits', () => {
  let t: TestApp;
  let user: TestUser;
  const CPS = ['CP_LIM_A', 'CP_LIM_B', 'CP_LIM_C'];

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_MAX_MESSAGE_BYTES: '1024',
      REALTIME_RATE_LIMIT_PER_10S: '5',
      REALTIME_MAX_SUBSCRIPTIONS: '2',
    });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'limits-user');
    for (const id of CPS) await registerChargePoint(t, adminToken, id, user.id);
  });
  afterAll(() => t.close());
  afterEach(() => registryEmpty(t));

  it('closes the session with 1009 on a message over the size limit; one under it is served', async () => {
    const u = await connectUser(t.wsUrl, user.token);
    const closed = closeCode(u);
    const padded = (bytes: number) => {
      const base = { action: 'ping', id: 'big', pad: '' };
      return JSON.stringify({ ...base, pad: 'x'.repeat(bytes - JSON.stringify(base).length) });
    };
    u.send(padded(1000));
    expect(await u.next((m) => m.id === 'big')).toEqual({ type: 'pong', id: 'big' });
    u.send(padded(2048));
    expect(await closed()).toBe(1009);
  });

  it('answers messages 6 to 10 within 10 s with rate_limited, and closes with 1008 after that', async () => {
    const u = await connectUser(t.wsUrl, user.token);
    const closed = closeCode(u);
    const replies = [];
    for (let i = 1; i <= 10; i++) replies.push(await u.request({ action: 'ping', id: `m${i}` }));
    expect(replies.slice(0, 5)).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({ type: 'pong', id: `m${i}` })),
    );
    expect(replies.slice(5)).toEqual(
      [6, 7, 8, 9, 10].map((i) => ({
        type: 'error',
        code: 'rate_limited',
        message: expect.any(String),
        id: `m${i}`,
      })),
    );
    u.send({ action: 'ping', id: 'm11' });
    expect(await closed()).toBe(1008);
    expect(u.received.filter((m) => m.id === 'm11')).toEqual([]);
  });

  it('a rate-limited subscribe is not carried out', async () => {
    const u = await connectUser(t.wsUrl, user.token);
    for (let i = 1; i <= 5; i++) await u.request({ action: 'ping', id: `p${i}` });
    expect(
      await u.request({ action: 'subscribe', chargePointId: CPS[0], id: 'late' }),
    ).toMatchObject({ type: 'error', code: 'rate_limited', id: 'late' });
    await sleep(100);
    expect(u.received.filter((m) => m.type === 'subscribed')).toEqual([]);
    u.close();
  });

  it('refuses a subscription past the limit with too_many_subscriptions', async () => {
    const u = await connectUser(t.wsUrl, user.token);
    const subscribe = (chargePointId: string, id: string) =>
      u.request({ action: 'subscribe', chargePointId, id });
    expect(await subscribe(CPS[0], 'a')).toMatchObject({ type: 'subscribed', id: 'a' });
    expect(await subscribe(CPS[1], 'b')).toMatchObject({ type: 'subscribed', id: 'b' });
    expect(await subscribe(CPS[2], 'c')).toEqual({
      type: 'error',
      code: 'too_many_subscriptions',
      chargePointId: CPS[2],
      message: expect.any(String),
      id: 'c',
    });
    // room again after an unsubscribe
    expect(
      await u.request({ action: 'unsubscribe', chargePointId: CPS[0], id: 'u' }),
    ).toMatchObject({ type: 'unsubscribed', reason: 'requested' });
    expect(await subscribe(CPS[2], 'c2')).toMatchObject({ type: 'subscribed', id: 'c2' });
    u.close();
  });
});
