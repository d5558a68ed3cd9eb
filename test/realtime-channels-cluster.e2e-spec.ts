import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startApp, type TestApp } from './helpers/app.js';
import { type ChannelClient, openChannel } from './helpers/channels.js';
import { postgresDatabase, servicesRequired, type TestDatabase } from './helpers/databases.js';
import { grantAccess, publishEvent, registerChargePoint, until } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Contract section 8: "across instances it works like /ws/users (Redis)". Two apps on one
// PostgreSQL database and one Redis key prefix: events published on A reach the SSE and MQTT
// sessions held by B, masked per viewer, and an SSE stream resumes on B from the shared buffer.

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function servicesUp(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  const redis = await probe.connect().then(
    () => probe.ping().then(() => true),
    () => false,
  );
  probe.disconnect();
  const postgres = await postgresDatabase().then(
    (db) => db.drop().then(() => true),
    () => false,
  );
  if (!(redis && postgres) && servicesRequired())
    throw new Error('REQUIRE_SERVICES=1 but Redis or PostgreSQL is unreachable');
  if (!(redis && postgres)) console.warn('Redis or PostgreSQL unreachable: cluster suite skipped');
  return redis && postgres;
}

const up = await servicesUp();

(up ? describe : describe.skip)('SSE and MQTT across two instances', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let grantee: TestUser;
  const CP = 'CP_CLUSTER_CHANNELS';
  const CP2 = 'CP_CLUSTER_RESUME';
  const clients: ChannelClient[] = [];

  beforeAll(async () => {
    db = await postgresDatabase();
    const env = {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:`,
      MQTT_PORT: '0',
      MQTT_HOST: '127.0.0.1',
    };
    a = await startApp('postgres', env, db);
    b = await startApp('postgres', env, db);
    const adminToken = await login(a, ADMIN.username, ADMIN.password);
    owner = await createUser(a, adminToken, 'cluster-owner');
    grantee = await createUser(a, adminToken, 'cluster-grantee');
    await registerChargePoint(a, adminToken, CP, owner.id);
    await grantAccess(a, owner.token, CP, grantee.id);
    await registerChargePoint(a, adminToken, CP2, owner.id);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const seqsOf = (c: ChannelClient) =>
    c.received.filter((m) => m.type === 'event').map((m) => m.seq as number);
  const started = (seq: number, cp = CP) =>
    publishEvent(a, cp, 'TransactionStarted', seq, {
      transactionId: seq,
      connectorId: 1,
      idTag: 'TAG_CLUSTER',
      meterStartWh: 0,
      startedAt: new Date().toISOString(),
    });

  it('delivers events published on A to SSE and MQTT sessions on B, masked per viewer', async () => {
    const sessions = await Promise.all([
      openChannel('sse', b, owner.token, [CP]),
      openChannel('mqtt', b, owner.token, [CP]),
      openChannel('mqtt', b, grantee.token, [CP]),
    ]);
    clients.push(...sessions);
    for (const c of sessions) await c.next((m) => m.type === 'subscribed');
    started(1);
    for (const c of sessions) await until(() => seqsOf(c).includes(1), `seq 1 on ${c.kind}`);
    const tags = sessions.map((c) => c.received.find((m) => m.type === 'event')?.data.idTag);
    expect(tags).toEqual(['TAG_CLUSTER', 'TAG_CLUSTER', null]);
  });

  it('resumes an SSE stream on B from the events A published meanwhile', async () => {
    const first = await openChannel('sse', b, owner.token, [CP2]);
    clients.push(first);
    const seen = (await first.next((m) => m.type === 'subscribed')).seq as number;
    const position = first.position();
    first.close();
    started(seen + 1, CP2);
    started(seen + 2, CP2);
    const back = await openChannel('sse', b, owner.token, [CP2], { resume: position });
    clients.push(back);
    expect(await back.next((m) => m.type === 'subscribed')).toMatchObject({
      snapshot: null,
      resumedFrom: seen,
    });
    await until(() => seqsOf(back).includes(seen + 2), 'the missed events');
    expect(seqsOf(back)).toEqual([seen + 1, seen + 2]);
  });
});
