import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { recordEvents } from './helpers/events.js';
import {
  aBootNotificationRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
} from './helpers/ocpp-builders.js';
import {
  currentSeq,
  eventsOf,
  grantAccess,
  nextTimestamp,
  range,
  registerChargePoint,
  sleep,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

// Who may follow a charger (owner, grantee, admin; nobody else), what happens when a grant is
// taken back while the grantee watches, and remembered interests (POST /api/v1/subscriptions).
describe('/ws/users access control', () => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;
  let grantee: TestUser;
  let stranger: TestUser;
  const sockets: UserSocket[] = [];
  const chargers: OcppTestClient[] = [];

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, 'acl-owner');
    grantee = await createUser(t, adminToken, 'acl-grantee');
    stranger = await createUser(t, adminToken, 'acl-stranger');
  });
  afterEach(async () => {
    sockets.splice(0).forEach((u) => u.close());
    await Promise.all(chargers.splice(0).map((c) => c.close()));
  });
  afterAll(() => t.close());

  const open = async (token: string) => {
    const u = await connectUser(t.wsUrl, token);
    sockets.push(u);
    return u;
  };
  /** A registered charger of `owner`, shared with `grantee`, connected and booted. */
  const aChargerOfOwner = async (id: string) => {
    await registerChargePoint(t, adminToken, id, owner.id);
    await grantAccess(t, owner.token, id, grantee.id);
    const cp = await connectCharger(t.wsUrl, id);
    chargers.push(cp);
    await cp.call('BootNotification', aBootNotificationRequest());
    return cp;
  };
  const status = (cp: OcppTestClient, info: string) =>
    cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, info, timestamp: nextTimestamp() }),
    );
  const subscribe = (u: UserSocket, chargePointId: string, id = 'sub') =>
    u.request({ action: 'subscribe', chargePointId, id });

  it('owner, grantee and admin follow a charger (idTag only for owner and admin); a stranger gets not_found', async () => {
    const CP = 'CP_ACL_SEE';
    const cp = await aChargerOfOwner(CP);
    await cp.call('StartTransaction', aStartTransactionRequest({ idTag: 'SECRET_TAG' }));
    const seq = await currentSeq(t, owner.token, CP);

    const [o, g, a, s] = await Promise.all(
      [owner.token, grantee.token, adminToken, stranger.token].map(open),
    );
    const replies = await Promise.all([o, g, a, s].map((u) => subscribe(u, CP)));
    for (const reply of replies.slice(0, 3)) {
      expect(reply).toMatchObject({ type: 'subscribed', chargePointId: CP, seq });
      expect(reply.snapshot).toMatchObject({ id: CP, online: true, seq });
    }
    const tagIn = (m: Msg) => m.snapshot.connectors[0].transaction?.idTag;
    expect(replies.slice(0, 3).map(tagIn)).toEqual(['SECRET_TAG', null, 'SECRET_TAG']);
    expect(replies[3]).toEqual({
      type: 'error',
      code: 'not_found',
      message: expect.any(String),
      chargePointId: CP,
      id: 'sub',
    });

    await cp.call('StartTransaction', aStartTransactionRequest({ connectorId: 2, idTag: 'TAG2' }));
    await status(cp, 'after');
    const last = await currentSeq(t, owner.token, CP);
    for (const u of [o, g, a]) await untilSeq(u, CP, last);
    const started = (u: UserSocket) =>
      eventsOf(u, CP).find((e) => e.event === 'TransactionStarted')?.data.idTag;
    expect([o, g, a].map(started)).toEqual(['TAG2', null, 'TAG2']);
    for (const u of [o, g, a])
      expect(eventsOf(u, CP).map((e) => e.seq)).toEqual(range(seq + 1, last));
    await sleep(100);
    expect(s.received.filter((m) => m.type !== 'error')).toEqual([]);
  });

  it("revoking a grant ends every grantee session's subscription at once; the owner keeps streaming", async () => {
    const CP = 'CP_ACL_REVOKE';
    const cp = await aChargerOfOwner(CP);
    const recorder = recordEvents(t.app);
    const o = await open(owner.token);
    const g1 = await open(grantee.token);
    const g2 = await open(grantee.token);
    const idle = await open(grantee.token); // a grantee session that follows nothing
    const from = await currentSeq(t, owner.token, CP);
    for (const u of [o, g1, g2]) expect(await subscribe(u, CP)).toMatchObject({ seq: from });
    await status(cp, 'before');
    const before = await currentSeq(t, owner.token, CP);
    for (const u of [o, g1, g2]) await untilSeq(u, CP, before);

    // the charger keeps talking while the grant goes
    const traffic = (async () => {
      for (let i = 0; i < 15; i++) await status(cp, `during-${i}`);
    })();
    await sleep(5);
    await api(t)
      .delete(`/api/v1/charge-points/${CP}/grants/${grantee.id}`)
      .set(bearer(owner.token))
      .expect(204);
    // "at once": nothing published after the DELETE has been answered reaches the grantee
    const publishedAfter = recorder.events.length;
    const revoked = await Promise.all(
      [g1, g2].map((u) => u.next((m) => m.type === 'unsubscribed', 1000)),
    );
    for (const m of revoked) {
      expect(m).toEqual({ type: 'unsubscribed', chargePointId: CP, reason: 'access_revoked' });
    }
    await traffic;
    await status(cp, 'after');
    const last = await currentSeq(t, owner.token, CP);

    await untilSeq(o, CP, last);
    expect(eventsOf(o, CP).map((e) => e.seq)).toEqual(range(from + 1, last));
    await sleep(200);
    for (const u of [g1, g2]) {
      const at = u.received.findIndex((m) => m.type === 'unsubscribed');
      expect(u.received.slice(at + 1)).toEqual([]);
    }
    expect(idle.received).toEqual([]);
    const late = new Set(
      recorder.events
        .slice(publishedAfter)
        .filter((e) => e.chargePointId === CP && typeof e.seq === 'number')
        .map((e) => e.seq),
    );
    expect(late.size).toBeGreaterThan(0);
    for (const u of [g1, g2]) expect(eventsOf(u, CP).filter((e) => late.has(e.seq))).toEqual([]);
    // and they cannot come back in
    expect(await subscribe(g1, CP, 'again')).toMatchObject({ type: 'error', code: 'not_found' });
  });

  it('a subscribe racing the revocation ends unsubscribed or not_found, never streaming', async () => {
    const CP = 'CP_ACL_RACE';
    const cp = await aChargerOfOwner(CP);
    for (let round = 0; round < 8; round++) {
      if (round > 0) await grantAccess(t, owner.token, CP, grantee.id);
      const g = await open(grantee.token);
      const reply = g.request({ action: 'subscribe', chargePointId: CP, id: `r${round}` });
      if (round % 2) await sleep(round);
      await api(t)
        .delete(`/api/v1/charge-points/${CP}/grants/${grantee.id}`)
        .set(bearer(owner.token))
        .expect(204);
      const answer = await reply;
      if (answer.type === 'subscribed') {
        expect(await g.next((m) => m.type === 'unsubscribed', 1000)).toMatchObject({
          reason: 'access_revoked',
        });
      } else {
        expect(answer).toMatchObject({ type: 'error', code: 'not_found' });
      }
      await status(cp, `race-${round}`);
      const last = await currentSeq(t, owner.token, CP);
      await sleep(50);
      expect(eventsOf(g, CP).filter((e) => e.seq === last)).toEqual([]);
      g.close();
    }
  });

  it('a grantee loses a remembered interest with the grant', async () => {
    const CP = 'CP_ACL_REMEMBERED';
    await aChargerOfOwner(CP);
    const g = await open(grantee.token);
    await api(t)
      .post('/api/v1/subscriptions')
      .set(bearer(grantee.token))
      .send({ chargePointId: CP })
      .expect(201);
    expect(await g.next((m) => m.type === 'subscribed')).toMatchObject({ chargePointId: CP });
    await api(t)
      .delete(`/api/v1/charge-points/${CP}/grants/${grantee.id}`)
      .set(bearer(owner.token))
      .expect(204);
    expect(await g.next((m) => m.type === 'unsubscribed', 1000)).toEqual({
      type: 'unsubscribed',
      chargePointId: CP,
      reason: 'access_revoked',
    });
    const later = await open(grantee.token);
    await sleep(300);
    expect(later.received).toEqual([]);
    const list = await api(t).get('/api/v1/subscriptions').set(bearer(grantee.token)).expect(200);
    expect(list.body).toEqual([]);
  });
});

describe('/ws/users remembered subscriptions', () => {
  let t: TestApp;
  let user: TestUser;
  const CP = 'CP_REMEMBER';

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'remember-user');
    await registerChargePoint(t, adminToken, CP, user.id);
  });
  afterAll(() => t.close());

  it('follows POST and DELETE /api/v1/subscriptions in open and new sessions', async () => {
    const a = await connectUser(t.wsUrl, user.token);
    const b = await connectUser(t.wsUrl, user.token, { via: 'query' });
    await api(t)
      .post('/api/v1/subscriptions')
      .set(bearer(user.token))
      .send({ chargePointId: CP })
      .expect(201);
    for (const u of [a, b]) {
      expect(await u.next((m) => m.type === 'subscribed')).toMatchObject({
        type: 'subscribed',
        chargePointId: CP,
        snapshot: { id: CP },
        seq: 0,
      });
    }
    // a session opened later is subscribed as it opens, without asking
    const c = await connectUser(t.wsUrl, user.token);
    expect(await c.next((m) => m.type === 'subscribed')).toMatchObject({
      chargePointId: CP,
      snapshot: { id: CP },
    });

    // and all three stream the charger's events
    const cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
    const last = await currentSeq(t, user.token, CP);
    for (const u of [a, b, c]) {
      await untilSeq(u, CP, last);
      expect(eventsOf(u, CP).map((e) => e.seq)).toEqual(range(1, last));
    }

    await api(t).delete(`/api/v1/subscriptions/${CP}`).set(bearer(user.token)).expect(204);
    for (const u of [a, b, c]) {
      expect(await u.next((m) => m.type === 'unsubscribed')).toEqual({
        type: 'unsubscribed',
        chargePointId: CP,
        reason: 'requested',
      });
    }
    await cp.call('StatusNotification', aStatusNotificationRequest({ timestamp: nextTimestamp() }));
    const d = await connectUser(t.wsUrl, user.token);
    await sleep(200);
    expect(d.received).toEqual([]);
    for (const u of [a, b, c]) expect(eventsOf(u, CP).map((e) => e.seq)).toEqual(range(1, last));
    for (const u of [a, b, c, d]) u.close();
    await cp.close();
  });
});
