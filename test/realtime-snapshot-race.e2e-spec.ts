import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { recordEvents } from './helpers/events.js';
import { aBootNotificationRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';
import {
  currentSeq,
  eventsOf,
  nextTimestamp,
  range,
  registerChargePoint,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg } from './helpers/user-socket.js';

const dialects = await testDialects();

// Contract section 3: "the snapshot first, so a client needs no REST call to start, and no event
// is lost between the two". Clients subscribe while the charger is busy; each one's stream after
// its snapshot must be exactly snapshot.seq+1, +2, ... (no gap, no duplicate, in order). The
// snapshot and its seq come from the database, so this runs on every dialect.
describe.each(dialects)('subscribing while events are published (%s)', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  let cp: OcppTestClient;
  const CP = 'CP_RACE_1';

  beforeAll(async () => {
    t = await startApp(dialect, { ...restEnv, REALTIME_METER_INTERVAL_MS: '0' });
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'race-user');
    await registerChargePoint(t, adminToken, CP, user.id);
    cp = await connectCharger(t.wsUrl, CP);
    // let the client have many calls in flight at once (ocpp-rpc sends one at a time by default)
    (cp as unknown as { reconfigure(o: object): void }).reconfigure({ callConcurrency: 32 });
    await cp.call('BootNotification', aBootNotificationRequest());
    // the connectors exist before the concurrent rounds (creating one is not what is tested here)
    for (const connectorId of [1, 2, 3]) {
      await cp.call(
        'StatusNotification',
        aStatusNotificationRequest({ connectorId, timestamp: nextTimestamp() }),
      );
    }
  });
  afterAll(async () => {
    await cp.close();
    await t.close();
  });

  const status = (round: number, i: number) =>
    aStatusNotificationRequest({
      connectorId: 1 + (i % 3),
      info: `r${round}-${i}`,
      timestamp: nextTimestamp(),
    });

  it('every subscriber gets the stream right after its snapshot, without gap or duplicate', async () => {
    const recorder = recordEvents(t.app);
    const ROUNDS = 4;
    const STATUSES = 24;
    const CLIENTS = 4;
    for (let round = 0; round < ROUNDS; round++) {
      const start = await currentSeq(t, user.token, CP);
      const clients = await Promise.all(
        range(1, CLIENTS).map(() => connectUser(t.wsUrl, user.token)),
      );
      // odd rounds: one call at a time (as a charger does); even rounds: all frames at once, so
      // several of the charger's transactions are in flight together
      const traffic =
        round % 2
          ? (async () => {
              for (let i = 0; i < STATUSES; i++)
                await cp.call('StatusNotification', status(round, i));
            })()
          : Promise.all(
              range(0, STATUSES - 1).map((i) => cp.call('StatusNotification', status(round, i))),
            );
      // client k subscribes once the k-th batch of events is out, so they land mid-stream
      const replies: Array<Promise<Msg>> = [];
      for (const [k, u] of clients.entries()) {
        if (k > 0) await recorder.waitFor((e) => e.chargePointId === CP && e.seq >= start + k * 5);
        replies.push(u.request({ action: 'subscribe', chargePointId: CP, id: `r${round}c${k}` }));
      }
      await traffic;
      const last = await currentSeq(t, user.token, CP);
      expect(last).toBeGreaterThan(start + 15); // an out-of-date report may publish nothing
      for (const [k, u] of clients.entries()) {
        const subscribed = await replies[k];
        expect(subscribed).toMatchObject({ type: 'subscribed', chargePointId: CP });
        expect(subscribed.snapshot.seq).toBe(subscribed.seq);
        if (subscribed.seq < last) await untilSeq(u, CP, last);
        const seqs = eventsOf(u, CP).map((e) => e.seq);
        expect({ client: k, seqs }).toEqual({ client: k, seqs: range(subscribed.seq + 1, last) });
        // and no event came before the snapshot
        const at = u.received.indexOf(subscribed);
        expect(u.received.slice(0, at).filter((m) => m.type === 'event')).toEqual([]);
      }
      clients.forEach((u) => u.close());
    }
  });
});
