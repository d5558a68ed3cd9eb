import { startApp, type TestApp } from './helpers/app.js';
import { closeCode, mintToken, registerChargePoint } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

// Contract section 3, client to server: every message gets its reply with the `id` echoed; a
// message that is not one of the four is `bad_request`, and the session stays open.
describe('/ws/users messages and replies', () => {
  let t: TestApp;
  let user: TestUser;
  let someoneElse: TestUser;
  let u: UserSocket;
  const MINE = 'CP_PROTO_MINE';
  const THEIRS = 'CP_PROTO_THEIRS';

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'proto-user');
    someoneElse = await createUser(t, adminToken, 'proto-else');
    await registerChargePoint(t, adminToken, MINE, user.id);
    await registerChargePoint(t, adminToken, THEIRS, someoneElse.id);
  });
  afterAll(() => t.close());
  // a fresh session per test keeps each well under the default rate limit
  beforeEach(async () => {
    u = await connectUser(t.wsUrl, user.token);
  });
  afterEach(() => u.close());

  const badRequest = (id?: string) => ({
    type: 'error',
    code: 'bad_request',
    message: expect.any(String),
    ...(id ? { id } : {}),
  });

  /** The next error after sending a raw frame, then a ping proving the session is still open. */
  async function sendBad(frame: string | Buffer): Promise<Msg> {
    const reply = u.next((m) => m.type === 'error');
    u.ws.send(frame);
    const error = await reply;
    expect(await u.request({ action: 'ping', id: 'alive' })).toEqual({ type: 'pong', id: 'alive' });
    return error;
  }

  it('subscribe and unsubscribe echo the id', async () => {
    const subscribed = await u.request({ action: 'subscribe', chargePointId: MINE, id: 's-1' });
    expect(subscribed).toEqual({
      type: 'subscribed',
      chargePointId: MINE,
      snapshot: expect.objectContaining({ id: MINE, seq: 0 }),
      seq: 0,
      id: 's-1',
    });
    expect(await u.request({ action: 'unsubscribe', chargePointId: MINE, id: 'u-1' })).toEqual({
      type: 'unsubscribed',
      chargePointId: MINE,
      reason: 'requested',
      id: 'u-1',
    });
  });

  it('ping gets pong, with the id when one came and without when none did', async () => {
    expect(await u.request({ action: 'ping', id: 'p-1' })).toEqual({ type: 'pong', id: 'p-1' });
    u.send({ action: 'ping' });
    expect(await u.next((m) => m.type === 'pong' && m.id === undefined)).toEqual({ type: 'pong' });
  });

  it('authenticate with a valid token answers authenticated with its expiry', async () => {
    const fresh = mintToken(user, 600);
    const before = Date.now();
    const reply = await u.request({ action: 'authenticate', accessToken: fresh, id: 'a-1' });
    expect(reply).toEqual({ type: 'authenticated', expiresAt: expect.any(String), id: 'a-1' });
    const expiresAt = Date.parse(reply.expiresAt);
    expect(new Date(expiresAt).toISOString()).toBe(reply.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + 598_000);
    expect(expiresAt).toBeLessThan(before + 601_000);
  });

  it.each([
    ['a garbage token', () => 'not-a-jwt'],
    ['an expired token', () => mintToken(user, -10)],
    ["another user's token", () => someoneElse.token],
  ])('authenticate with %s is bad_request', async (_name, token) => {
    expect(await u.request({ action: 'authenticate', accessToken: token(), id: 'a-2' })).toEqual(
      badRequest('a-2'),
    );
    expect(await u.request({ action: 'authenticate', accessToken: '', id: 'a-3' })).toEqual(
      badRequest('a-3'),
    );
  });

  it.each([
    ['not JSON', '{"action":"ping",'],
    ['a JSON array', '["ping"]'],
    ['a JSON string', '"ping"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
  ])('%s is bad_request', async (_name, frame) => {
    expect(await sendBad(frame)).toEqual(badRequest());
  });

  it.each([
    ['an unknown action', { action: 'dance' }],
    ['no action', { chargePointId: MINE }],
    ['a chargePointId with a space', { action: 'subscribe', chargePointId: 'CP 1' }],
    ['a chargePointId with a colon', { action: 'subscribe', chargePointId: 'CP:1' }],
    ['a 49-character chargePointId', { action: 'subscribe', chargePointId: 'C'.repeat(49) }],
    ['an empty chargePointId', { action: 'subscribe', chargePointId: '' }],
    ['a numeric chargePointId', { action: 'subscribe', chargePointId: 7 }],
    ['no chargePointId', { action: 'unsubscribe' }],
    ['a negative sinceSeq', { action: 'subscribe', chargePointId: MINE, sinceSeq: -1 }],
    ['a fractional sinceSeq', { action: 'subscribe', chargePointId: MINE, sinceSeq: 1.5 }],
    ['a string sinceSeq', { action: 'subscribe', chargePointId: MINE, sinceSeq: '3' }],
    ['an accessToken that is not a string', { action: 'authenticate', accessToken: 5 }],
  ])('%s is bad_request with the id echoed', async (_name, body) => {
    expect(await sendBad(JSON.stringify({ ...body, id: 'bad-1' }))).toEqual(badRequest('bad-1'));
    // and no subscription came of it
    expect(u.received.filter((m) => m.type === 'subscribed')).toEqual([]);
  });

  it('a binary frame is bad_request', async () => {
    expect(await sendBad(Buffer.from(JSON.stringify({ action: 'ping' })))).toEqual(badRequest());
    expect(u.received.filter((m) => m.type === 'pong')).toEqual([{ type: 'pong', id: 'alive' }]);
  });

  it('a charger that does not exist and one the user may not see get the same not_found', async () => {
    const missing = await u.request({ action: 'subscribe', chargePointId: 'CP_NOPE', id: 'n-1' });
    const hidden = await u.request({ action: 'subscribe', chargePointId: THEIRS, id: 'n-2' });
    expect(missing).toEqual({
      type: 'error',
      code: 'not_found',
      message: expect.any(String),
      chargePointId: 'CP_NOPE',
      id: 'n-1',
    });
    // identical apart from the id and the charger's own name
    const neutral = (m: Msg, cp: string) => ({
      ...m,
      id: undefined,
      chargePointId: m.chargePointId === cp ? '<cp>' : m.chargePointId,
      message: (m.message as string).replaceAll(cp, '<cp>'),
    });
    expect(neutral(hidden, THEIRS)).toEqual(neutral(missing, 'CP_NOPE'));
    // the same with resume: sinceSeq does not reveal anything either
    const hiddenResume = await u.request({
      action: 'subscribe',
      chargePointId: THEIRS,
      sinceSeq: 0,
      id: 'n-3',
    });
    expect(neutral(hiddenResume, THEIRS)).toEqual(neutral(missing, 'CP_NOPE'));
  });

  it('an id that is not a string of up to 64 characters is bad_request', async () => {
    expect(await sendBad(JSON.stringify({ action: 'ping', id: 5 }))).toEqual(badRequest());
    expect(await sendBad(JSON.stringify({ action: 'ping', id: 'x'.repeat(65) }))).toEqual(
      badRequest(),
    );
  });

  it('a session that misbehaves in every way above is still open and served', async () => {
    const closed = closeCode(u);
    for (const frame of ['{', '[]', '{"action":"x","id":"1"}', Buffer.from([0, 1, 2])])
      u.ws.send(frame);
    expect(await u.request({ action: 'subscribe', chargePointId: MINE, id: 'ok' })).toMatchObject({
      type: 'subscribed',
      id: 'ok',
    });
    expect(u.received.filter((m) => m.type === 'error')).toHaveLength(4);
    await expect(closed(200)).rejects.toThrow('not closed');
  });
});
