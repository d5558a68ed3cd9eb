import { startApp, type TestApp } from './helpers/app.js';
import { closeCode, mintToken, registryStats, sleep, until } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser } from './helpers/user-socket.js';

// How long a /ws/users session lives: closed with 4408 when it stays silent past the idle
// timeout, and with 4401 when the token it runs on expires and no fresh one came.

describe('/ws/users session lifetime', () => {
  let t: TestApp;
  let user: TestUser;
  const IDLE_S = 5; // the least the server accepts

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv, REALTIME_IDLE_TIMEOUT_S: String(IDLE_S) });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'lifetime-user');
  });
  afterAll(() => t.close());

  it('closes a silent session with 4408; one that pings, or answers pings, stays open', async () => {
    // does not even answer the server's WebSocket pings
    const silent = await connectUser(t.wsUrl, user.token, { ws: { autoPong: false } });
    const pinger = await connectUser(t.wsUrl, user.token);
    // sends nothing, but its WebSocket answers the server's pings (as a browser does)
    const listener = await connectUser(t.wsUrl, user.token);
    const closed = {
      silent: closeCode(silent),
      pinger: closeCode(pinger),
      listener: closeCode(listener),
    };
    const t0 = Date.now();
    let n = 0;
    const pinging = setInterval(() => pinger.send({ action: 'ping', id: `p${++n}` }), 1000);
    try {
      expect(await closed.silent(IDLE_S * 1000 + 4000)).toBe(4408);
      const after = Date.now() - t0;
      expect(after).toBeGreaterThanOrEqual(IDLE_S * 1000 - 200);
      expect(after).toBeLessThan(IDLE_S * 1000 + 3000);
      await until(() => registryStats(t).sessions === 2, 'the silent session to be dropped');

      // the server checks for idle sessions at least once more before this
      await sleep(Math.max(0, t0 + IDLE_S * 1000 + 1500 - Date.now()));
      await expect(closed.pinger(1)).rejects.toThrow('not closed');
      await expect(closed.listener(1)).rejects.toThrow('not closed');
      expect(await pinger.request({ action: 'ping', id: 'last' })).toEqual({
        type: 'pong',
        id: 'last',
      });
      expect(pinger.received.filter((m) => m.type === 'pong').length).toBeGreaterThanOrEqual(6);
      expect(listener.received).toEqual([]);
    } finally {
      clearInterval(pinging);
    }
    pinger.close();
    listener.close();
  });

  it('closes a session with 4401 when its token expires, unless a fresh token came with authenticate', async () => {
    // exp has whole seconds: a 2 s token runs out 1 to 2 s from now
    const token = mintToken(user, 2);
    const t0 = Date.now();
    const plain = await connectUser(t.wsUrl, token);
    const tried = await connectUser(t.wsUrl, token, { via: 'query' });
    const renewed = await connectUser(t.wsUrl, token);
    const closed = [plain, tried, renewed].map((u) => closeCode(u));

    expect(
      await tried.request({ action: 'authenticate', accessToken: 'not-a-jwt', id: 'bad' }),
    ).toMatchObject({ type: 'error', code: 'bad_request', id: 'bad' });
    const reply = await renewed.request({
      action: 'authenticate',
      accessToken: mintToken(user, 120),
      id: 'renew',
    });
    expect(reply).toEqual({ type: 'authenticated', expiresAt: expect.any(String), id: 'renew' });
    expect(Date.parse(reply.expiresAt)).toBeGreaterThan(Date.now() + 100_000);

    expect(await Promise.all(closed.slice(0, 2).map((c) => c(4000)))).toEqual([4401, 4401]);
    const after = Date.now() - t0;
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(3500);

    // the renewed one outlives the old token
    await sleep(Math.max(0, t0 + 3200 - Date.now()));
    await expect(closed[2](1)).rejects.toThrow('not closed');
    expect(await renewed.request({ action: 'ping', id: 'alive' })).toEqual({
      type: 'pong',
      id: 'alive',
    });
    renewed.close();
  });
});
