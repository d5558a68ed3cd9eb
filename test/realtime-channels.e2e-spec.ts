import { SessionRegistry } from '../src/modules/realtime/session-registry.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  type ChannelClient,
  type ChannelKind,
  CHANNELS,
  openChannel,
  type ResumeFrom,
} from './helpers/channels.js';
import {
  grantAccess,
  mintToken,
  publishEvent,
  range,
  registerChargePoint,
  sleep,
  until,
} from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import type { Msg } from './helpers/user-socket.js';

// One behaviour suite, three channels (contract sections 3 and 8): /ws/users, the SSE stream and
// MQTT are adapters of one user session, so ACL, idTag masking, seq, resume, revocation, the
// slow consumer and token expiry must hold on each alike. Charger events are published straight
// on the event bus (seq 1..N; a registered charger's snapshot says seq 0).

const BIG = 'v'.repeat(8000);
const eventsOf = (c: ChannelClient, cp: string) =>
  c.received.filter((m) => m.type === 'event' && m.chargePointId === cp);
const seqsOf = (c: ChannelClient, cp: string) => eventsOf(c, cp).map((e) => e.seq as number);
const untilSeq = (c: ChannelClient, cp: string, seq: number, timeoutMs = 5000) =>
  until(() => seqsOf(c, cp).some((s) => s >= seq), `${kindOf(c)} seq ${seq} of ${cp}`, timeoutMs);
const kindOf = (c: ChannelClient) => c.kind;
async function subscribed(c: ChannelClient, cp: string): Promise<Msg> {
  const match = (m: Msg) => m.type === 'subscribed' && m.chargePointId === cp;
  await until(() => c.received.some(match), `subscribed to ${cp}`);
  return c.received.find(match) as Msg;
}

function started(t: TestApp, cp: string, seq: number, idTag: string) {
  publishEvent(t, cp, 'TransactionStarted', seq, {
    transactionId: seq,
    connectorId: 1,
    idTag,
    meterStartWh: 0,
    startedAt: new Date().toISOString(),
  });
}
function status(t: TestApp, cp: string, seq: number) {
  publishEvent(t, cp, 'ConnectorStatusChanged', seq, {
    connectorId: 1,
    status: 'Available',
    errorCode: 'NoError',
  });
}

describe.each(CHANNELS)('user channel %s', (kind: ChannelKind) => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;
  let grantee: TestUser;
  let stranger: TestUser;
  const clients: ChannelClient[] = [];
  let n = 0;

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      // MQTT counts a QoS 1 message until its PUBACK: room for a few dozen of these big events
      REALTIME_SEND_BUFFER_SOFT_BYTES: '262144',
      REALTIME_SEND_BUFFER_HARD_BYTES: String(64 * 1024 * 1024),
      MQTT_PORT: '0',
      MQTT_HOST: '127.0.0.1',
    });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, `${kind}-owner`);
    grantee = await createUser(t, adminToken, `${kind}-grantee`);
    stranger = await createUser(t, adminToken, `${kind}-stranger`);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  const open = async (token: string, follow: string[], resume?: ResumeFrom) => {
    const c = await openChannel(kind, t, token, follow, { resume });
    clients.push(c);
    return c;
  };
  /** A fresh charger of `owner`, shared with `grantee`. */
  const aCharger = async () => {
    const cp = `CP_${kind.toUpperCase()}_${++n}`;
    await registerChargePoint(t, adminToken, cp, owner.id);
    await grantAccess(t, owner.token, cp, grantee.id);
    return cp;
  };

  it('owner, grantee and admin follow a charger, idTag for owner and admin only; a stranger is refused', async () => {
    const CP = await aCharger();
    const [o, g, a, s] = await Promise.all(
      [owner.token, grantee.token, adminToken, stranger.token].map((tk) => open(tk, [CP])),
    );
    for (const c of [o, g, a]) {
      expect(await subscribed(c, CP)).toMatchObject({
        chargePointId: CP,
        seq: 0,
        snapshot: { id: CP },
      });
    }
    expect(await s.next()).toMatchObject({ type: 'error', code: 'not_found' });

    started(t, CP, 1, 'SECRET_TAG');
    publishEvent(t, CP, 'CommandSent', 2, {
      commandId: 'c1',
      command: 'RemoteStartTransaction',
      requestedBy: owner.id,
    });
    for (const c of [o, g, a]) await untilSeq(c, CP, 2);
    const tagOf = (c: ChannelClient) => eventsOf(c, CP)[0].data.idTag;
    expect([o, g, a].map(tagOf)).toEqual(['SECRET_TAG', null, 'SECRET_TAG']);
    for (const c of [o, g, a]) {
      expect(eventsOf(c, CP)[1]).toMatchObject({
        event: 'CommandSent',
        seq: 2,
        data: { commandId: 'c1' },
      });
      expect(c.received.filter((m) => m.eventFieldMismatch)).toEqual([]);
    }
    await sleep(100);
    expect(s.received.filter((m) => m.type !== 'error')).toEqual([]);
  });

  it('a revoked grant ends the grantee’s subscription at once; the owner keeps streaming', async () => {
    const CP = await aCharger();
    const o = await open(owner.token, [CP]);
    const g = await open(grantee.token, [CP]);
    for (const c of [o, g]) await subscribed(c, CP);
    status(t, CP, 1);
    for (const c of [o, g]) await untilSeq(c, CP, 1);
    await api(t)
      .delete(`/api/v1/charge-points/${CP}/grants/${grantee.id}`)
      .set(bearer(owner.token))
      .expect(204);
    expect(await g.next((m) => m.type === 'unsubscribed', 1000)).toEqual({
      type: 'unsubscribed',
      chargePointId: CP,
      reason: 'access_revoked',
    });
    status(t, CP, 2);
    await untilSeq(o, CP, 2);
    await sleep(100);
    expect(seqsOf(o, CP)).toEqual([1, 2]);
    expect(seqsOf(g, CP)).toEqual([1]);
  });

  it('a slow reader skips what it cannot take, then gets one resync; a fast one gets all', async () => {
    const CP = await aCharger();
    const fast = await open(owner.token, [CP]);
    const slow = await open(grantee.token, [CP]);
    for (const c of [fast, slow]) await subscribed(c, CP);
    slow.pause();
    const N = 1500;
    for (let seq = 1; seq <= N; seq++) {
      publishEvent(t, CP, 'ChargePointBooted', seq, {
        vendor: BIG,
        model: 'X1',
        firmwareVersion: '1.0',
        connectorCount: 1,
        connectors: [{ connectorId: 1, type: 'Type2', maxPowerW: null, maxCurrentA: null }],
      });
      // a timer tick, not only setImmediate: MQTT's QoS 1 acks must get a turn to come back
      if (seq % 8 === 0) await sleep(1);
    }
    await untilSeq(fast, CP, N, 20_000);
    slow.resume();
    const resync = await slow.next((m) => m.type === 'resync', 10_000);
    expect(resync).toMatchObject({ chargePointId: CP, seq: 0, snapshot: { id: CP } });
    status(t, CP, N + 1);
    await untilSeq(slow, CP, N + 1);
    await untilSeq(fast, CP, N + 1);
    expect(seqsOf(fast, CP)).toEqual(range(1, N + 1));
    const at = slow.received.indexOf(resync);
    const before = slow.received.slice(0, at).filter((m: Msg) => m.type === 'event');
    expect(before.length).toBeLessThan(N);
    expect(before.map((e) => e.seq)).toEqual(range(1, before.length));
    expect(
      eventsOf(slow, CP)
        .slice(before.length)
        .map((e) => e.seq),
    ).toEqual([N + 1]);
  });

  it('ends the session when its token expires', async () => {
    const CP = await aCharger();
    const c = await open(mintToken({ id: owner.id, username: `${kind}-owner` }, 2), [CP]);
    await subscribed(c, CP);
    const code = await c.ended(5000);
    if (kind !== 'mqtt') expect(code).toBe(4401);
  });

  if (kind !== 'mqtt') {
    it('resumes after a reconnect without a gap, across several chargers', async () => {
      const A = await aCharger();
      const B = await aCharger();
      const first = await open(owner.token, [A, B]);
      for (const cp of [A, B]) await subscribed(first, cp);
      status(t, A, 1);
      status(t, B, 1);
      status(t, A, 2);
      await untilSeq(first, A, 2);
      await untilSeq(first, B, 1);
      const position = first.position(); // what the client had seen when it went
      first.close();
      status(t, A, 3);
      status(t, B, 2);
      status(t, B, 3);
      await sleep(50);
      const back = await open(owner.token, [A, B], position);
      const replies = await Promise.all([A, B].map((cp) => subscribed(back, cp)));
      expect(replies.map((r) => [r.snapshot, r.resumedFrom])).toEqual([
        [null, 2],
        [null, 1],
      ]);
      await untilSeq(back, A, 3);
      await untilSeq(back, B, 3);
      status(t, A, 4);
      await untilSeq(back, A, 4);
      expect(seqsOf(back, A)).toEqual([3, 4]);
      expect(seqsOf(back, B)).toEqual([2, 3]);
    });
  }
});

describe.each(CHANNELS)('user channel %s past the hard limit', (kind: ChannelKind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      REALTIME_SEND_BUFFER_SOFT_BYTES: '262144',
      REALTIME_SEND_BUFFER_HARD_BYTES: '524288',
      MQTT_PORT: '0',
      MQTT_HOST: '127.0.0.1',
    });
  });
  afterAll(() => t.close());

  it('ends the session of a client that stops reading; the fast one gets all', async () => {
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    const fastUser = await createUser(t, adminToken, `${kind}-hard-fast`);
    const slowUser = await createUser(t, adminToken, `${kind}-hard-slow`);
    const CP = `CP_${kind.toUpperCase()}_HARD`;
    await registerChargePoint(t, adminToken, CP, fastUser.id);
    await grantAccess(t, fastUser.token, CP, slowUser.id);
    const fast = await openChannel(kind, t, fastUser.token, [CP]);
    const slow = await openChannel(kind, t, slowUser.token, [CP]);
    for (const c of [fast, slow]) await c.next((m) => m.type === 'subscribed');
    const registry = t.app.get(SessionRegistry);
    const slowOpen = () => [...registry.ofUser(slowUser.id)].some((s) => s.open);
    slow.pause();
    let last = 0;
    // until the server gives up on the slow client (bounded: 4,000 events of 8 KB)
    for (let seq = 1; seq <= 4000 && slowOpen(); seq++) {
      last = seq;
      publishEvent(t, CP, 'ChargePointBooted', seq, {
        vendor: BIG,
        model: 'X1',
        firmwareVersion: '1.0',
        connectorCount: 1,
        connectors: [{ connectorId: 1, type: 'Type2', maxPowerW: null, maxCurrentA: null }],
      });
      if (seq % 8 === 0) await sleep(1);
    }
    expect(slowOpen()).toBe(false);
    // reading again at once, the slow client takes what was sent, then learns it was ended
    slow.resume();
    const code = await slow.ended(5000);
    if (kind !== 'mqtt') expect(code).toBe(1013);
    await until(() => seqsOf(fast, CP).includes(last), `the fast client's seq ${last}`, 20_000);
    expect(seqsOf(fast, CP)).toEqual(range(1, last));
    fast.close();
  });
});
