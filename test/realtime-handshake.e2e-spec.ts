import { startApp, type TestApp } from './helpers/app.js';
import { closeCode, registryEmpty, registryStats, until } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { forgedTokens } from './helpers/tokens.js';
import { connectUser, type UserSocket, userHandshakeStatus } from './helpers/user-socket.js';

// Contract section 3: the handshake of /ws/users decides everything before a socket exists.
describe('/ws/users handshake', () => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;
  let url: string;
  const ALLOWED = 'https://app.example';

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_ALLOWED_ORIGINS: ALLOWED,
      REALTIME_MAX_SESSIONS_PER_USER: '2',
    });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'hs-user');
    other = await createUser(t, adminToken, 'hs-other');
    url = `${t.wsUrl}/ws/users`;
  });
  afterAll(() => t.close());
  afterEach(() => registryEmpty(t));

  const withQuery = (token: string) => `${url}?access_token=${encodeURIComponent(token)}`;

  it.each(['header', 'query'] as const)('accepts the token in the %s', async (via) => {
    const u = await connectUser(t.wsUrl, user.token, { via });
    expect(await u.request({ action: 'ping', id: via })).toEqual({ type: 'pong', id: via });
    expect(registryStats(t).sessions).toBe(1);
    u.close();
    await u.closed();
  });

  it('refuses a missing, garbage or expired token with 401 and keeps no session', async () => {
    const forged = forgedTokens({ id: user.id, username: user.username, role: 'user' });
    expect(await userHandshakeStatus(url)).toBe(401);
    expect(await userHandshakeStatus(url, { Authorization: 'Bearer' })).toBe(401);
    expect(await userHandshakeStatus(url, { Authorization: `Bearer ${forged.garbage}` })).toBe(401);
    expect(await userHandshakeStatus(withQuery(forged.garbage))).toBe(401);
    expect(await userHandshakeStatus(url, { Authorization: `Bearer ${forged.expired}` })).toBe(401);
    expect(await userHandshakeStatus(withQuery(forged.expired))).toBe(401);
    expect(await userHandshakeStatus(withQuery(forged.otherSecret))).toBe(401);
    expect(registryStats(t)).toEqual({ sessions: 0, users: 0, chargePoints: 0 });
    // the control: the same recipe with nothing wrong is accepted
    expect(await userHandshakeStatus(withQuery(forged.valid))).toBe(101);
  });

  it('refuses an Origin off the allowlist with 403; a listed Origin or none is accepted', async () => {
    const auth = { Authorization: `Bearer ${user.token}` };
    expect(await userHandshakeStatus(url, { ...auth, Origin: 'https://evil.example' })).toBe(403);
    expect(await userHandshakeStatus(url, { ...auth, Origin: 'https://app.example.evil' })).toBe(
      403,
    );
    expect(await userHandshakeStatus(url, { ...auth, Origin: 'http://app.example' })).toBe(403);
    expect(await userHandshakeStatus(url, { ...auth, Origin: ALLOWED })).toBe(101);
    expect(await userHandshakeStatus(url, auth)).toBe(101);
  });

  it('refuses a session past the per-user limit with 429, and admits one again after a close', async () => {
    const a = await connectUser(t.wsUrl, user.token);
    const b = await connectUser(t.wsUrl, user.token, { via: 'query' });
    expect(await userHandshakeStatus(url, { Authorization: `Bearer ${user.token}` })).toBe(429);
    expect(await userHandshakeStatus(withQuery(user.token))).toBe(429);
    // the limit is per user: another user is not affected
    const c = await connectUser(t.wsUrl, other.token);
    // the two sessions that were let in still work
    expect(await a.request({ action: 'ping', id: 'a' })).toEqual({ type: 'pong', id: 'a' });
    expect(await b.request({ action: 'ping', id: 'b' })).toEqual({ type: 'pong', id: 'b' });

    const aClosed = closeCode(a);
    a.close();
    await aClosed();
    // the server hears of the close a moment after the client
    await until(() => registryStats(t).sessions === 2, 'the server to drop the closed session');
    const d = await connectUser(t.wsUrl, user.token);
    expect(await d.request({ action: 'ping', id: 'd' })).toEqual({ type: 'pong', id: 'd' });
    for (const u of [b, c, d]) u.close();
  });

  it('holds the per-user limit when handshakes arrive at once', async () => {
    const sockets: UserSocket[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        connectUser(t.wsUrl, other.token).then(
          (u) => {
            sockets.push(u);
            return 101;
          },
          (err: Error) => Number(/refused: (\d+)/.exec(err.message)?.[1] ?? 0),
        ),
      ),
    );
    expect(outcomes.filter((s) => s === 101)).toHaveLength(2);
    expect(outcomes.filter((s) => s === 429)).toHaveLength(4);
    expect(registryStats(t).sessions).toBe(2);
    sockets.forEach((u) => u.close());
  });
});
