import type { Socket } from 'node:net';
import { SessionRegistry } from '../src/modules/realtime/session-registry.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  closeCode,
  eventsOf,
  grantAccess,
  publishEvent,
  range,
  registerChargePoint,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv } from './helpers/rest.js';
import { connectUser, type UserSocket } from './helpers/user-socket.js';

// A client that stops reading must not hold up the others nor grow the server's memory without
// bound. Past the soft limit of its send buffer a session skips events and later gets a `resync`
// (contract section 3); past the hard limit it is closed with 1013 (try again later).
//
// Traffic is published straight on the event bus (seq 1..N; the charger's snapshot says seq 0),
// ~8 KB a frame, so that tens of MB pass: more than loopback's kernel buffers can absorb for a
// client that does not read.

const N = 3000;
const BIG = 'v'.repeat(8000);
const socketOf = (u: UserSocket) => (u.ws as unknown as { _socket: Socket })._socket;

async function setUp(env: Record<string, string>, name: string) {
  const t = await startApp('sqlite', { ...restEnv, REALTIME_METER_INTERVAL_MS: '0', ...env });
  const adminToken = await login(t, ADMIN.username, ADMIN.password);
  const fastUser = await createUser(t, adminToken, `${name}-fast`);
  const slowUser = await createUser(t, adminToken, `${name}-slow`);
  const CP = `CP_${name.toUpperCase()}`;
  await registerChargePoint(t, adminToken, CP, fastUser.id);
  await grantAccess(t, fastUser.token, CP, slowUser.id);
  const fast = await connectUser(t.wsUrl, fastUser.token);
  const slow = await connectUser(t.wsUrl, slowUser.token);
  for (const u of [fast, slow]) {
    expect(await u.request({ action: 'subscribe', chargePointId: CP, id: 's' })).toMatchObject({
      type: 'subscribed',
      seq: 0,
    });
  }
  return { t, CP, fast, slow, slowUser };
}

/** Publishes seq from..to in small batches, yielding so that the fast client can read. */
async function publishBig(
  t: TestApp,
  CP: string,
  from: number,
  to: number,
  stop: () => boolean = () => false,
) {
  for (let seq = from; seq <= to; seq++) {
    publishEvent(t, CP, 'ChargePointBooted', seq, {
      vendor: BIG,
      model: 'X1',
      firmwareVersion: '1.0',
      connectorCount: 1,
      connectors: [{ connectorId: 1, type: 'Type2', maxPowerW: null, maxCurrentA: null }],
    });
    if (seq % 8 === 0) {
      await new Promise((r) => setImmediate(r));
      if (stop()) return seq;
    }
  }
  return to;
}

describe('/ws/users slow consumer past the soft limit', () => {
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    s = await setUp(
      {
        REALTIME_SEND_BUFFER_SOFT_BYTES: '65536',
        REALTIME_SEND_BUFFER_HARD_BYTES: String(64 * 1024 * 1024),
      },
      'soft',
    );
  });
  afterAll(() => s.t.close());

  it('skips the events of a client that stops reading, then resyncs it; the fast client gets all', async () => {
    const { t, CP, fast, slow } = s;
    socketOf(slow).pause();
    await publishBig(t, CP, 1, N);
    await untilSeq(fast, CP, N, 20_000);
    socketOf(slow).resume();

    const resync = await slow.next((m) => m.type === 'resync', 5000);
    expect(resync).toMatchObject({
      type: 'resync',
      chargePointId: CP,
      snapshot: { id: CP, seq: 0 },
      seq: 0,
    });
    // one event after the resync goes to both
    publishEvent(t, CP, 'ConnectorStatusChanged', N + 1, {
      connectorId: 1,
      status: 'Available',
      errorCode: 'NoError',
    });
    await untilSeq(slow, CP, N + 1);
    await untilSeq(fast, CP, N + 1);

    expect(eventsOf(fast, CP).map((e) => e.seq)).toEqual(range(1, N + 1));
    expect(fast.received.filter((m) => m.type === 'resync')).toEqual([]);
    // the slow client got an unbroken prefix, then the resync instead of the rest, then live
    const at = slow.received.indexOf(resync);
    const before = slow.received.slice(0, at).filter((m) => m.type === 'event');
    const after = slow.received.slice(at + 1).filter((m) => m.type === 'event');
    expect(before.length).toBeLessThan(N);
    expect(before.map((e) => e.seq)).toEqual(range(1, before.length));
    expect(after.map((e) => e.seq)).toEqual([N + 1]);
    expect(slow.received.filter((m) => m.type === 'resync')).toHaveLength(1);
    for (const u of [fast, slow]) u.close();
  });
});

describe('/ws/users slow consumer past the hard limit', () => {
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    s = await setUp(
      { REALTIME_SEND_BUFFER_SOFT_BYTES: '65536', REALTIME_SEND_BUFFER_HARD_BYTES: '131072' },
      'hard',
    );
  });
  afterAll(() => s.t.close());

  it('closes a client that stops reading with 1013; the fast client gets all', async () => {
    const { t, CP, fast, slow, slowUser } = s;
    const slowClosed = closeCode(slow);
    const registry = t.app.get(SessionRegistry);
    const slowOpen = () => [...registry.ofUser(slowUser.id)].some((session) => session.open);
    socketOf(slow).pause();
    // stop publishing once the server has given up on the slow client, and let it read again at
    // once, so that it reads the close frame before the server's 2 s terminate
    const last = await publishBig(t, CP, 1, N, () => !slowOpen());
    socketOf(slow).resume();
    await untilSeq(fast, CP, last, 20_000);
    expect(eventsOf(fast, CP).map((e) => e.seq)).toEqual(range(1, last));

    expect(await slowClosed(3000)).toBe(1013);
    expect(await fast.request({ action: 'ping', id: 'still' })).toEqual({
      type: 'pong',
      id: 'still',
    });
    fast.close();
  });
});
