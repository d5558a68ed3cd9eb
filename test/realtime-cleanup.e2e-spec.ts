import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger } from './helpers/charger.js';
import { aBootNotificationRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';
import {
  closeCode,
  currentSeq,
  eventsOf,
  grantAccess,
  nextTimestamp,
  range,
  registerChargePoint,
  registryEmpty,
  registryStats,
  sleep,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type UserSocket } from './helpers/user-socket.js';

// Contract section 3: "on close, all its subscriptions are cleaned up". The session registry
// (sessions, users, watched chargers) must come back to zero however sessions end.
describe('/ws/users clean-up', () => {
  let t: TestApp;
  let adminToken: string;
  let owner: TestUser;
  let grantee: TestUser;
  const CPS = ['CP_CLEAN_A', 'CP_CLEAN_B'];

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      REALTIME_MAX_SESSIONS_PER_USER: '50',
    });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, adminToken, 'clean-owner');
    grantee = await createUser(t, adminToken, 'clean-grantee');
    for (const id of CPS) {
      await registerChargePoint(t, adminToken, id, owner.id);
      await grantAccess(t, owner.token, id, grantee.id);
    }
  });
  afterAll(() => t.close());
  let sessions: UserSocket[] = [];
  afterEach(() => sessions.splice(0).forEach((u) => u.ws.terminate()));

  const subscribeAll = async (u: UserSocket) => {
    for (const cp of CPS) {
      expect(await u.request({ action: 'subscribe', chargePointId: cp, id: cp })).toMatchObject({
        type: 'subscribed',
      });
    }
  };

  it('leaves an empty registry however sessions end', async () => {
    sessions = await Promise.all(
      [owner.token, owner.token, grantee.token, adminToken, grantee.token].map((token) =>
        connectUser(t.wsUrl, token),
      ),
    );
    for (const u of sessions) await subscribeAll(u);
    expect(registryStats(t)).toEqual({ sessions: 5, users: 3, chargePoints: 2 });

    const [a, b, c, d, e] = sessions;
    const cClosed = closeCode(c);
    a.close(); // a clean close
    b.ws.terminate(); // the connection just drops
    c.send('x'.repeat(20_000)); // over the default size limit: the server closes it (1009)
    await d.request({ action: 'unsubscribe', chargePointId: CPS[0], id: 'u' });
    await d.request({ action: 'unsubscribe', chargePointId: CPS[1], id: 'u2' });
    await e.request({ action: 'unsubscribe', chargePointId: CPS[1], id: 'u3' });
    expect(await cClosed()).toBe(1009);
    await sleep(50);
    expect(registryStats(t)).toEqual({ sessions: 2, users: 2, chargePoints: 1 });
    d.close();
    e.close();
    await registryEmpty(t);
  });

  it('leaves nothing behind for sessions that drop while their subscribe is in flight', async () => {
    for (let i = 0; i < 30; i++) {
      const u = await connectUser(t.wsUrl, i % 2 ? owner.token : grantee.token);
      u.send({ action: 'subscribe', chargePointId: CPS[i % 2], id: 'x' });
      if (i % 3) await sleep(i % 5);
      u.ws.terminate();
    }
    await registryEmpty(t);
  });

  it('1,000 connect / subscribe / disconnect cycles leave the registry empty and the server serving', async () => {
    const CYCLES = 1000;
    const BATCH = 10;
    let abrupt = 0;
    for (let start = 0; start < CYCLES; start += BATCH) {
      await Promise.all(
        range(start, start + BATCH - 1).map(async (i) => {
          const u = await connectUser(t.wsUrl, i % 2 ? owner.token : grantee.token);
          const closed = closeCode(u);
          if (i % 4 === 3) {
            // gone before the snapshot arrives
            u.send({ action: 'subscribe', chargePointId: CPS[i % 2], id: `c${i}` });
            u.ws.terminate();
            abrupt++;
          } else {
            const reply = await u.request({
              action: 'subscribe',
              chargePointId: CPS[i % 2],
              id: `c${i}`,
            });
            if (reply.type !== 'subscribed')
              throw new Error(`cycle ${i}: ${JSON.stringify(reply)}`);
            u.close();
          }
          await closed();
        }),
      );
    }
    expect(abrupt).toBe(CYCLES / 4);
    await registryEmpty(t, 10_000);

    // still serving: a new session follows a charger live
    const u = await connectUser(t.wsUrl, grantee.token);
    const from = await u.request({ action: 'subscribe', chargePointId: CPS[0], id: 'after' });
    expect(from).toMatchObject({ type: 'subscribed' });
    const cp = await connectCharger(t.wsUrl, CPS[0]);
    await cp.call('BootNotification', aBootNotificationRequest());
    await cp.call('StatusNotification', aStatusNotificationRequest({ timestamp: nextTimestamp() }));
    const last = await currentSeq(t, owner.token, CPS[0]);
    await untilSeq(u, CPS[0], last);
    expect(eventsOf(u, CPS[0]).map((e) => e.seq)).toEqual(range(from.seq + 1, last));
    expect(registryStats(t)).toEqual({ sessions: 1, users: 1, chargePoints: 1 });
    u.close();
    await cp.close();
    await registryEmpty(t);
  });
});
