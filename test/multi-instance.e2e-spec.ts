import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectCharger, type OcppTestClient, testChargerPassword } from './helpers/charger.js';
import { postgresDatabase, type TestDatabase } from './helpers/databases.js';
import {
  type AppInstance,
  buildServer,
  closeCodeOf,
  killInstances,
  multiInstanceServices,
  type RedisServer,
  sleep,
  startInstance,
  startRedis,
  waitFor,
} from './helpers/instances.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';
import {
  ADMIN,
  api,
  bearer,
  createUser,
  type HttpTarget,
  login,
  restEnv,
  type TestUser,
} from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

// Two real server processes (A and B) on one PostgreSQL database and one Redis of our own: what
// a user sees must not depend on which instance holds the charger or the user's session.

const servicesUp = await multiInstanceServices();

const PRESENCE_TTL_S = 3;
const SHUTDOWN_TIMEOUT_S = 10;

// Strictly increasing report times (the server ignores a report older than the last one).
let clock = Date.now();
const stamp = () => new Date((clock = Math.max(clock + 1, Date.now()))).toISOString();
const status = (status: string) =>
  aStatusNotificationRequest({ connectorId: 1, status, timestamp: stamp() });
const meter = (transactionId: number, kW: number, kWh: number) =>
  aMeterValuesRequest({
    transactionId,
    meterValue: [
      {
        timestamp: stamp(),
        sampledValue: [
          { value: String(kW), measurand: 'Power.Active.Import', unit: 'kW' },
          { value: String(kWh), measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
        ],
      },
    ],
  });

/** The next `count` events of one charger a session receives, in arrival order. */
async function nextEvents(u: UserSocket, chargePointId: string, count: number, timeoutMs = 5000) {
  const events: Msg[] = [];
  while (events.length < count)
    events.push(
      await u.next((m) => m.type === 'event' && m.chargePointId === chargePointId, timeoutMs),
    );
  return events;
}

const seqs = (events: Msg[]) => events.map((e) => e.seq);
const from = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);
const eventsNamed = (u: UserSocket, name: string) =>
  u.received.filter((m) => m.type === 'event' && m.event === name);

(servicesUp ? describe : describe.skip)('two instances, one PostgreSQL, one Redis', () => {
  let database: TestDatabase;
  let redis: RedisServer;
  let db: pg.Client;
  let migrated = false;
  let a: AppInstance;
  let b: AppInstance;
  let adminToken: string;
  let sockets: Array<UserSocket | OcppTestClient> = [];

  beforeAll(async () => {
    await buildServer();
    database = await postgresDatabase();
    redis = await startRedis();
    db = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
  }, 150_000);

  afterAll(async () => {
    await killInstances();
    await redis?.kill();
    await db?.end();
    await database?.drop();
  }, 30_000);

  beforeEach(async () => {
    if (!redis.running) await redis.start(); // a test that failed with Redis down
    const env = {
      ...restEnv,
      ...database.env,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `mi${randomBytes(4).toString('hex')}:`,
      PRESENCE_TTL_S: String(PRESENCE_TTL_S),
      SHUTDOWN_TIMEOUT_S: String(SHUTDOWN_TIMEOUT_S),
      REALTIME_METER_INTERVAL_MS: '0',
      OCPP_HEARTBEAT_INTERVAL_S: '3600',
      // the id tag store's answers have their own suite (id-tags)
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
    };
    // The first start migrates the fresh database (TypeORM takes no lock for that), so B waits
    // for it; later pairs start together.
    if (!migrated) {
      a = await startInstance('A', env);
      b = await startInstance('B', env);
      migrated = true;
    } else {
      [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
    }
    adminToken = await login(a, ADMIN.username, ADMIN.password);
  }, 60_000);

  afterEach(async () => {
    for (const s of sockets) {
      if ('ws' in s) s.ws.terminate();
      else void s.close({ force: true }).catch(() => undefined);
    }
    sockets = [];
    await killInstances();
  }, 15_000);

  /** A charger (one Type2 connector) owned by a new user and granted to another. */
  async function aSharedCharger(): Promise<{ id: string; owner: TestUser; grantee: TestUser }> {
    const tag = randomBytes(3).toString('hex');
    const owner = await createUser(a, adminToken, `owner-${tag}`);
    const grantee = await createUser(b, adminToken, `grantee-${tag}`);
    const id = `CP_MI_${tag}`;
    await api(a)
      .post('/api/v1/charge-points')
      .set(bearer(adminToken))
      .send({
        id,
        password: testChargerPassword(id),
        ownerId: owner.id,
        connectors: [{ connectorId: 1, type: 'Type2' }],
      })
      .expect(201);
    await api(b)
      .post(`/api/v1/charge-points/${id}/grants`)
      .set(bearer(owner.token))
      .send({ userId: grantee.id })
      .expect(201);
    return { id, owner, grantee };
  }

  async function watch(on: AppInstance, user: TestUser, chargePointId: string) {
    const u = await connectUser(on.wsUrl, user.token);
    sockets.push(u);
    const reply = await u.request({ action: 'subscribe', chargePointId, id: 'sub' });
    expect(reply).toMatchObject({ type: 'subscribed', chargePointId });
    return { u, seq: reply.seq as number };
  }

  async function charger(on: AppInstance, id: string) {
    const cp = await connectCharger(on.wsUrl, id);
    sockets.push(cp);
    return cp;
  }

  const chargerRow = async (id: string) =>
    (await db.query('SELECT online, last_seq FROM charge_points WHERE id = $1', [id])).rows[0];
  const transactionRow = async (id: number) =>
    (
      await db.query(
        // the meter columns are bigint (pg reads them as strings): read back as numbers
        'SELECT charge_point_id, meter_start_wh::float8 AS meter_start_wh, ' +
          'meter_stop_wh::float8 AS meter_stop_wh, stopped_at FROM transactions WHERE id = $1',
        [id],
      )
    ).rows[0];
  const ready = async (on: HttpTarget) => {
    const res = await api(on).get('/health/ready');
    return { code: res.status, status: res.body?.status as string };
  };

  it('streams a whole charging session in the same order to sessions on both instances', async () => {
    const { id, owner, grantee } = await aSharedCharger();
    const ownerOnB = await watch(b, owner, id);
    const granteeOnA = await watch(a, grantee, id);
    expect([ownerOnB.seq, granteeOnA.seq]).toEqual([0, 0]);

    const cp = await charger(a, id);
    await cp.call('BootNotification', aBootNotificationRequest());
    await cp.call('StatusNotification', status('Preparing'));
    const { transactionId } = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ meterStart: 1000 }),
    );
    await cp.call('StatusNotification', status('Charging'));
    for (const [kW, kWh] of [
      [7.2, 1.2],
      [7.4, 1.6],
      [7.1, 2.1],
    ])
      await cp.call('MeterValues', meter(transactionId, kW, kWh));
    await cp.call('StopTransaction', aStopTransactionRequest(transactionId, { meterStop: 2530 }));
    await cp.call('StatusNotification', status('Available'));

    const expected = [
      'ChargePointOnline',
      'ChargePointBooted',
      'ConnectorStatusChanged',
      'TransactionStarted',
      'ConnectorStatusChanged',
      'MeterValues',
      'MeterValues',
      'MeterValues',
      'TransactionStopped',
      'ConnectorStatusChanged',
    ];
    const ownerEvents = await nextEvents(ownerOnB.u, id, expected.length);
    const granteeEvents = await nextEvents(granteeOnA.u, id, expected.length);
    expect(ownerEvents.map((e) => e.event)).toEqual(expected);
    expect(seqs(ownerEvents)).toEqual(from(1, expected.length));
    // the same events, byte for byte, but for the idTag only the owner may see
    const masked = ownerEvents.map((e) =>
      e.event === 'TransactionStarted' ? { ...e, data: { ...e.data, idTag: null } } : e,
    );
    expect(granteeEvents).toEqual(masked);
    expect(ownerEvents[3].data).toMatchObject({ transactionId, idTag: 'TAG1', meterStartWh: 1000 });
    expect(ownerEvents[8].data).toMatchObject({ transactionId, energyWh: 1530 });
    expect((await chargerRow(id)).last_seq).toBe(expected.length);
  }, 30_000);

  it('keeps one session going when the charger moves from A to B mid-transaction', async () => {
    const { id, owner, grantee } = await aSharedCharger();
    const ownerOnA = await watch(a, owner, id);
    const granteeOnB = await watch(b, grantee, id);

    const onA = await charger(a, id);
    // online first (whether a BootNotification sent at once may overtake ChargePointOnline is
    // the first test's concern), then a transaction started on A
    for (const w of [ownerOnA, granteeOnB])
      expect((await nextEvents(w.u, id, 1))[0]).toMatchObject({
        event: 'ChargePointOnline',
        seq: 1,
      });
    await onA.call('BootNotification', aBootNotificationRequest());
    const { transactionId } = await onA.call(
      'StartTransaction',
      aStartTransactionRequest({ meterStart: 1000 }),
    );
    await onA.call('MeterValues', meter(transactionId, 7, 1.5));
    for (const w of [ownerOnA, granteeOnB]) {
      const events = await nextEvents(w.u, id, 3);
      expect(events.map((e) => e.event)).toEqual([
        'ChargePointBooted',
        'TransactionStarted',
        'MeterValues',
      ]);
      expect(seqs(events)).toEqual([2, 3, 4]);
    }

    const closeOnA = closeCodeOf(onA);
    const onB = await charger(b, id); // while A's connection is still open
    expect(await closeOnA(5000)).toBe(4000);
    for (const w of [ownerOnA, granteeOnB]) {
      const [online] = await nextEvents(w.u, id, 1);
      expect(online).toMatchObject({
        event: 'ChargePointOnline',
        seq: 5,
        data: { reconnected: true },
      });
    }

    await onB.call('MeterValues', meter(transactionId, 7, 2.0));
    await onB.call('StopTransaction', aStopTransactionRequest(transactionId, { meterStop: 2530 }));
    const after = ['MeterValues', 'TransactionStopped'];
    for (const w of [ownerOnA, granteeOnB]) {
      const events = await nextEvents(w.u, id, after.length);
      expect(events.map((e) => e.event)).toEqual(after);
      expect(seqs(events)).toEqual([6, 7]);
      expect(events[1].data).toMatchObject({ transactionId, meterStopWh: 2530, energyWh: 1530 });
    }
    expect(await transactionRow(transactionId)).toMatchObject({
      charge_point_id: id,
      meter_stop_wh: 2530,
      stopped_at: expect.any(Date),
    });

    // past a presence sweep on both instances, the charger has never gone offline
    await sleep(1500);
    for (const w of [ownerOnA, granteeOnB])
      expect(eventsNamed(w.u, 'ChargePointOffline')).toEqual([]);
    expect(await chargerRow(id)).toEqual({ online: true, last_seq: 7 });
  }, 30_000);

  it('ends the grantee’s subscription on B at once when the grant is revoked on A', async () => {
    const { id, owner, grantee } = await aSharedCharger();
    const ownerOnA = await watch(a, owner, id);
    const granteeOnB = await watch(b, grantee, id);

    await api(a)
      .delete(`/api/v1/charge-points/${id}/grants/${grantee.id}`)
      .set(bearer(owner.token))
      .expect(204);

    expect(await granteeOnB.u.next((m) => m.type === 'unsubscribed', 2000)).toEqual({
      type: 'unsubscribed',
      chargePointId: id,
      reason: 'access_revoked',
    });
    // nothing of this charger reaches the former grantee any more, on B or anywhere
    await charger(a, id);
    expect((await nextEvents(ownerOnA.u, id, 1))[0].event).toBe('ChargePointOnline');
    expect((await granteeOnB.u.drain(300)).filter((m) => m.type === 'event')).toEqual([]);
    expect(
      await granteeOnB.u.request({ action: 'subscribe', chargePointId: id, id: 'again' }),
    ).toMatchObject({ type: 'error', code: 'not_found', id: 'again' });
  }, 30_000);

  it('sends a command that lands on A through B, which holds the charger, and back', async () => {
    const { id, owner } = await aSharedCharger();
    const watcher = await watch(a, owner, id);
    const cp = (await charger(b, id)) as OcppTestClient & {
      handle(action: string, h: (call: { params: Record<string, unknown> }) => unknown): void;
    };
    const received: unknown[] = [];
    cp.handle('Reset', ({ params }) => {
      received.push(params);
      return { status: 'Accepted' };
    });
    let hang: (() => void) | undefined;
    cp.handle(
      'UnlockConnector',
      () => new Promise((r) => (hang = () => r({ status: 'Unlocked' }))),
    );
    await cp.call('BootNotification', aBootNotificationRequest());

    const res = await api(a)
      .post(`/api/v1/charge-points/${id}/commands/reset`)
      .set(bearer(owner.token))
      .send({ type: 'Hard' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ command: 'reset', status: 'Accepted' });
    expect(received).toEqual([{ type: 'Hard' }]);
    const done = await watcher.u.next(
      (m) => m.type === 'event' && m.event === 'CommandCompleted',
      5000,
    );
    expect(done.data).toMatchObject({ commandId: res.body.commandId, status: 'Accepted' });

    // the charger drops while B waits for its answer: A's caller gets 409, not a hang
    const pending = api(a)
      .post(`/api/v1/charge-points/${id}/commands/unlock-connector`)
      .set(bearer(owner.token))
      .send({ connectorId: 1 })
      .then((r) => r);
    await waitFor(() => hang !== undefined, 'the UnlockConnector CALL at the charger');
    await cp.close({ code: 1001, force: true });
    const dropped = await pending;
    expect(dropped.status).toBe(409);
    const history = await api(a)
      .get(`/api/v1/charge-points/${id}/commands`)
      .set(bearer(owner.token))
      .expect(200);
    expect(history.body.items.map((c: Msg) => [c.command, c.status])).toEqual([
      ['unlock-connector', 'Disconnected'],
      ['reset', 'Accepted'],
    ]);
  }, 30_000);

  it('keeps A serving its charger while Redis is down, and resyncs B once Redis is back', async () => {
    const { id, owner } = await aSharedCharger();
    const ownerOnA = await watch(a, owner, id);
    const ownerOnB = await watch(b, owner, id);
    const cp = await charger(a, id);
    await cp.call('BootNotification', aBootNotificationRequest());
    for (const w of [ownerOnA, ownerOnB])
      expect(seqs(await nextEvents(w.u, id, 2))).toEqual([1, 2]);
    expect(await ready(a)).toEqual({ code: 200, status: 'ok' });

    await redis.kill();
    await waitFor(async () => (await ready(a)).status === 'degraded', 'A to report degraded', 5000);
    expect(await ready(a)).toEqual({ code: 200, status: 'degraded' });

    // A still answers and persists its charger, and its own sessions still get every event
    await cp.call('StatusNotification', status('Preparing'));
    const { transactionId, idTagInfo } = await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ meterStart: 1000 }),
    );
    expect(idTagInfo.status).toBe('Accepted');
    await cp.call('MeterValues', meter(transactionId, 7, 1.5));
    const duringOutage = await nextEvents(ownerOnA.u, id, 3);
    expect(duringOutage.map((e) => e.event)).toEqual([
      'ConnectorStatusChanged',
      'TransactionStarted',
      'MeterValues',
    ]);
    expect(seqs(duringOutage)).toEqual([3, 4, 5]);
    expect(await transactionRow(transactionId)).toMatchObject({
      charge_point_id: id,
      meter_start_wh: 1000,
    });
    expect(await chargerRow(id)).toEqual({ online: true, last_seq: 5 });

    await redis.start();
    // B could not have heard of seq 3..5: a fresh snapshot, not silence
    const resync = await ownerOnB.u.next(
      (m) => m.type === 'resync' && m.chargePointId === id,
      10_000,
    );
    expect(resync).toMatchObject({ seq: 5, snapshot: { id, seq: 5, online: true } });
    expect(resync.snapshot.connectors[0]).toMatchObject({
      status: 'Preparing',
      transaction: { id: transactionId, idTag: 'TAG1' },
    });
    await waitFor(async () => (await ready(a)).status === 'ok', 'A to report ok', 10_000);
    expect(await ready(a)).toEqual({ code: 200, status: 'ok' });

    // and the stream flows across again, with no gap after the resync
    await cp.call('StatusNotification', status('Charging'));
    for (const w of [ownerOnA, ownerOnB]) {
      const [next] = await nextEvents(w.u, id, 1);
      expect(next).toMatchObject({ event: 'ConnectorStatusChanged', seq: 6 });
    }
    // the outage did not make anyone think the charger (still connected to A) went offline
    await sleep(1500);
    for (const w of [ownerOnA, ownerOnB])
      expect(eventsNamed(w.u, 'ChargePointOffline')).toEqual([]);
    expect(await chargerRow(id)).toEqual({ online: true, last_seq: 6 });
  }, 40_000);

  it('marks the chargers of a killed instance offline (instance_lost) from the other one', async () => {
    const { id, owner } = await aSharedCharger();
    const ownerOnB = await watch(b, owner, id);
    await charger(a, id);
    expect((await nextEvents(ownerOnB.u, id, 1))[0]).toMatchObject({
      event: 'ChargePointOnline',
      seq: 1,
    });

    a.signal('SIGKILL');
    await a.exited(5000);

    const [offline] = await nextEvents(ownerOnB.u, id, 1, (PRESENCE_TTL_S + 4) * 1000);
    expect(offline).toMatchObject({
      event: 'ChargePointOffline',
      seq: 2,
      data: { reason: 'instance_lost' },
    });
    expect(await chargerRow(id)).toEqual({ online: false, last_seq: 2 });
  }, 30_000);

  it('on SIGTERM, answers and persists an in-flight StopTransaction, closes sockets, exits 0', async () => {
    const { id, owner } = await aSharedCharger();
    const ownerOnA = await watch(a, owner, id);
    const cp = await charger(a, id);
    await cp.call('BootNotification', aBootNotificationRequest());
    const { transactionId } = await cp.call('StartTransaction', aStartTransactionRequest());
    await nextEvents(ownerOnA.u, id, 3);

    // Hold the transaction's row so that the StopTransaction is still being handled when the
    // SIGTERM lands, whatever the machine's speed.
    const lock = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM transactions WHERE id = $1 FOR UPDATE', [transactionId]);
      const chargerClosed = closeCodeOf(cp);
      const userClosed = closeCodeOf(ownerOnA.u.ws);
      const stop = cp.call('StopTransaction', aStopTransactionRequest(transactionId));
      stop.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rowCount! > 0,
        'the StopTransaction to wait on the held row',
        5000,
      );

      a.signal('SIGTERM');
      await sleep(300); // shutting down, the call still in flight
      await lock.query('COMMIT');

      expect(await stop).toEqual({ idTagInfo: { status: 'Accepted' } });
      expect(await chargerClosed(SHUTDOWN_TIMEOUT_S * 1000)).toBe(1001);
      expect(await userClosed(SHUTDOWN_TIMEOUT_S * 1000)).toBe(1012);
      expect(await a.exited(SHUTDOWN_TIMEOUT_S * 1000)).toEqual({ code: 0, signal: null });
    } finally {
      await lock.end();
    }
    expect(await transactionRow(transactionId)).toMatchObject({
      meter_stop_wh: 2530,
      stopped_at: expect.any(Date),
    });
  }, 30_000);
});
