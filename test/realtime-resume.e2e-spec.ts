import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { createDatabase, testDialects } from './helpers/databases.js';
import { aBootNotificationRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';
import {
  closeCode,
  currentSeq,
  eventsOf,
  nextTimestamp,
  range,
  registerChargePoint,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

const dialects = await testDialects();

const status = (cp: OcppTestClient, info: string) =>
  cp.call(
    'StatusNotification',
    aStatusNotificationRequest({ connectorId: 1, info, timestamp: nextTimestamp() }),
  );

async function disconnect(u: UserSocket) {
  const closed = closeCode(u);
  u.close();
  await closed();
}

// Contract section 3: `subscribe` with `sinceSeq` after a reconnect. When the server still holds
// every event after sinceSeq: `subscribed` with snapshot null and resumedFrom, then the missed
// events in order, then live; otherwise a fresh subscribe (a snapshot).
describe('/ws/users resume with sinceSeq', () => {
  let t: TestApp;
  let user: TestUser;
  let cp: OcppTestClient;
  const CP = 'CP_RESUME_1';
  const BUFFER = 3;

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      REALTIME_RESUME_BUFFER: String(BUFFER),
    });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'resume-user');
    await registerChargePoint(t, adminToken, CP, user.id);
    cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
  });
  afterAll(async () => {
    await cp.close();
    await t.close();
  });

  /** A session that follows CP and has seen everything up to now; returns it and that seq. */
  async function watchUntilNow(): Promise<{ u: UserSocket; seen: number }> {
    const u = await connectUser(t.wsUrl, user.token);
    expect(await u.request({ action: 'subscribe', chargePointId: CP, id: 'w' })).toMatchObject({
      type: 'subscribed',
    });
    await status(cp, 'watched');
    const seen = await currentSeq(t, user.token, CP);
    await untilSeq(u, CP, seen);
    return { u, seen };
  }

  it('replays the missed events in order, then streams live', async () => {
    const { u, seen } = await watchUntilNow();
    await disconnect(u);
    await status(cp, 'missed-1');
    await status(cp, 'missed-2');
    expect(await currentSeq(t, user.token, CP)).toBe(seen + 2);

    const back = await connectUser(t.wsUrl, user.token);
    const reply = await back.request({
      action: 'subscribe',
      chargePointId: CP,
      sinceSeq: seen,
      id: 'resume',
    });
    expect(reply).toMatchObject({
      type: 'subscribed',
      chargePointId: CP,
      snapshot: null,
      resumedFrom: seen,
      id: 'resume',
    });
    await untilSeq(back, CP, seen + 2);
    await status(cp, 'live');
    await untilSeq(back, CP, seen + 3);
    const events = eventsOf(back, CP);
    expect(events.map((e) => e.seq)).toEqual(range(seen + 1, seen + 3));
    expect(events.map((e) => e.data.info)).toEqual(['missed-1', 'missed-2', 'live']);
    // the reply came before any of them
    expect(back.received.indexOf(reply)).toBeLessThan(back.received.indexOf(events[0]));
    back.close();
  });

  it('resumes with nothing to replay when the client missed nothing', async () => {
    const { u, seen } = await watchUntilNow();
    await disconnect(u);
    const back = await connectUser(t.wsUrl, user.token);
    expect(
      await back.request({ action: 'subscribe', chargePointId: CP, sinceSeq: seen, id: 'r' }),
    ).toMatchObject({ type: 'subscribed', snapshot: null, resumedFrom: seen });
    await status(cp, 'next');
    await untilSeq(back, CP, seen + 1);
    expect(eventsOf(back, CP).map((e) => e.seq)).toEqual([seen + 1]);
    back.close();
  });

  it('sends a fresh snapshot when more events were missed than the server holds', async () => {
    const { u, seen } = await watchUntilNow();
    await disconnect(u);
    for (let i = 0; i < BUFFER + 2; i++) await status(cp, `gap-${i}`);
    const now = await currentSeq(t, user.token, CP);
    expect(now).toBe(seen + BUFFER + 2);

    const back = await connectUser(t.wsUrl, user.token);
    const reply = await back.request({
      action: 'subscribe',
      chargePointId: CP,
      sinceSeq: seen,
      id: 'gap',
    });
    expectFreshSnapshot(reply, now);
    await status(cp, 'after-gap');
    await untilSeq(back, CP, now + 1);
    expect(eventsOf(back, CP).map((e) => e.seq)).toEqual([now + 1]);
    back.close();
  });

  it('a resume while the charger is busy continues without gap or duplicate', async () => {
    for (let round = 0; round < 4; round++) {
      const { u, seen } = await watchUntilNow();
      await disconnect(u);
      await status(cp, `missed-${round}`);
      const traffic = (async () => {
        for (let i = 0; i < 8; i++) await status(cp, `busy-${round}-${i}`);
      })();
      const back = await connectUser(t.wsUrl, user.token);
      const reply = await back.request({
        action: 'subscribe',
        chargePointId: CP,
        sinceSeq: seen,
        id: `busy-${round}`,
      });
      await traffic;
      const last = await currentSeq(t, user.token, CP);
      // resumed (when the buffer still held everything) or fresh: either way, no hole
      const from = reply.snapshot === null ? reply.resumedFrom : reply.seq;
      if (reply.snapshot === null) expect(reply.resumedFrom).toBe(seen);
      if (from < last) await untilSeq(back, CP, last);
      expect(eventsOf(back, CP).map((e) => e.seq)).toEqual(range(from + 1, last));
      back.close();
    }
  });

  it('sends a fresh snapshot for a sinceSeq the charger never reached', async () => {
    const now = await currentSeq(t, user.token, CP);
    const u = await connectUser(t.wsUrl, user.token);
    const reply = await u.request({
      action: 'subscribe',
      chargePointId: CP,
      sinceSeq: now + 100,
      id: 'future',
    });
    expectFreshSnapshot(reply, now);
    u.close();
  });
});

function expectFreshSnapshot(reply: Msg, seq: number) {
  expect(reply).toMatchObject({ type: 'subscribed', seq, snapshot: { seq } });
  expect(reply.resumedFrom).toBeUndefined();
}

// The server cannot vouch for events from before it started: a sinceSeq from then gets a fresh
// snapshot, and seq goes on from where it was (it lives in the database).
describe.each(dialects)('/ws/users resume across a restart (%s)', (dialect) => {
  it('answers a sinceSeq from before the restart with a snapshot; seq carries on', async () => {
    const db = await createDatabase(dialect);
    const env = { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' };
    const CP = 'CP_RESUME_RESTART';
    let t = await startApp(dialect, env, db);
    try {
      const adminToken = await login(t, ADMIN.username, ADMIN.password);
      const user = await createUser(t, adminToken, 'restart-user');
      await registerChargePoint(t, adminToken, CP, user.id);
      let cp = await connectCharger(t.wsUrl, CP);
      await cp.call('BootNotification', aBootNotificationRequest());
      await status(cp, 'before-restart');
      const u = await connectUser(t.wsUrl, user.token);
      const subscribed = await u.request({ action: 'subscribe', chargePointId: CP, id: 's' });
      const seen = subscribed.seq as number;
      expect(seen).toBeGreaterThan(1);
      await cp.close();
      await untilSeq(u, CP, seen + 1); // ChargePointOffline
      await t.close();

      t = await startApp(dialect, env, db);
      const before = await currentSeq(t, user.token, CP);
      const back = await connectUser(t.wsUrl, user.token);
      const reply = await back.request({
        action: 'subscribe',
        chargePointId: CP,
        sinceSeq: seen - 1,
        id: 'after-restart',
      });
      expectFreshSnapshot(reply, before);
      cp = await connectCharger(t.wsUrl, CP);
      await untilSeq(back, CP, before + 1);
      expect(eventsOf(back, CP)[0]).toMatchObject({ seq: before + 1, event: 'ChargePointOnline' });
      back.close();
      await cp.close();
    } finally {
      await t.close();
      await db.drop();
    }
  });
});
