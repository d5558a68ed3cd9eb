import { execFile } from 'node:child_process';
import type { IPublishPacket } from 'mqtt';
import { SessionRegistry } from '../src/modules/realtime/session-registry.js';
import { startApp, type TestApp } from './helpers/app.js';
import { mqttClient, mqttUrl, topicOf } from './helpers/channels.js';
import { publishEvent, registerChargePoint, sleep, until } from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import type { Msg } from './helpers/user-socket.js';

// What only MQTT has (contract section 8): the JWT as password, read-only topics, the wildcard
// that delivers visible chargers only, QoS 0 and 1, and a stock client (mosquitto_sub).
describe('MQTT endpoint', () => {
  let t: TestApp;
  let adminToken: string;
  let user: TestUser;
  const MINE = 'CP_MQTT_MINE';
  const OTHER = 'CP_MQTT_OTHER';
  const clients: Array<{ endAsync(force?: boolean): Promise<void> }> = [];

  beforeAll(async () => {
    t = await startApp('sqlite', {
      ...restEnv,
      REALTIME_METER_INTERVAL_MS: '0',
      MQTT_PORT: '0',
      MQTT_HOST: '127.0.0.1',
    });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'mqtt-user');
    await registerChargePoint(t, adminToken, MINE, user.id);
    await registerChargePoint(t, adminToken, OTHER);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  });
  afterAll(() => t.close());

  let seq = 0;
  const status = (cp: string) =>
    publishEvent(t, cp, 'ConnectorStatusChanged', ++seq, {
      connectorId: 1,
      status: 'Available',
      errorCode: 'NoError',
    });
  async function connect(token = user.token) {
    const c = await mqttClient(t, token);
    clients.push(c);
    const got: Array<{ topic: string; msg: Msg; qos: number }> = [];
    c.on('message', (topic, payload, packet: IPublishPacket) =>
      got.push({ topic, msg: JSON.parse(payload.toString()), qos: packet.qos }),
    );
    return { c, got };
  }

  it('refuses a connection without a valid JWT as password', async () => {
    for (const password of ['', 'not-a-jwt']) {
      await expect(mqttClient(t, password)).rejects.toMatchObject({ code: 4 });
    }
  });

  it('the wildcard delivers the visible chargers only, with QoS 0 or 1 as subscribed', async () => {
    const wild = await connect();
    const one = await connect();
    await wild.c.subscribeAsync('voltline/charge-points/+/events', { qos: 1 });
    await one.c.subscribeAsync(topicOf(MINE), { qos: 0 });
    for (const s of [wild, one])
      await until(() => s.got.some((g) => g.msg.type === 'subscribed'), 'subscribed');
    status(OTHER);
    status(MINE);
    await until(() => wild.got.some((g) => g.msg.type === 'event'), 'an event by wildcard');
    await until(() => one.got.some((g) => g.msg.type === 'event'), 'an event on the topic');
    await sleep(100);
    for (const s of [wild, one]) {
      expect(s.got.map((g) => [g.topic, g.msg.type, g.msg.chargePointId])).toEqual([
        [topicOf(MINE), 'subscribed', MINE],
        [topicOf(MINE), 'event', MINE],
      ]);
    }
    expect(wild.got.map((g) => g.qos)).toEqual([1, 1]);
    expect(one.got.map((g) => g.qos)).toEqual([0, 0]);
  });

  it('refuses other topics and a charger one may not see; nobody may publish', async () => {
    const { c } = await connect();
    for (const topic of [topicOf(OTHER), '#', 'voltline/charge-points/#']) {
      await expect(c.subscribeAsync(topic)).rejects.toMatchObject({
        packet: { granted: [128] },
      });
    }
    // a publish ends that client's connection; the others stream on
    const other = await connect();
    await other.c.subscribeAsync(topicOf(MINE));
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.publish(topicOf(MINE), '{"type":"event"}', { qos: 1 });
    await Promise.race([
      closed,
      sleep(5000).then(() => {
        throw new Error('the publishing client was not disconnected');
      }),
    ]);
    status(MINE);
    await until(() => other.got.some((g) => g.msg.type === 'event'), 'the event after');
  });

  it('an unsubscribed topic gets nothing more', async () => {
    const s = await connect();
    await s.c.subscribeAsync(topicOf(MINE));
    await until(() => s.got.some((g) => g.msg.type === 'subscribed'), 'subscribed');
    await s.c.unsubscribeAsync(topicOf(MINE));
    status(MINE);
    await sleep(200);
    expect(s.got.map((g) => g.msg.type)).toEqual(['subscribed']);
  });

  it('serves mosquitto_sub', async () => {
    const registry = t.app.get(SessionRegistry);
    const sessions = () => [...registry.ofUser(user.id)];
    await until(() => sessions().length === 0, 'the other tests’ sessions gone');
    const port = new URL(mqttUrl(t)).port;
    const out = new Promise<string>((resolve, reject) =>
      execFile(
        'mosquitto_sub',
        ['-h', '127.0.0.1', '-p', port, '-u', 'app', '-P', user.token, '-t', topicOf(MINE)].concat([
          '-q',
          '1',
          '-C',
          '2',
          '-W',
          '10',
        ]),
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(stdout),
      ),
    );
    // once its session watches the charger, an event cannot be missed (it queues behind the snapshot)
    await until(
      () => sessions().some((session) => session.subscriptions.has(MINE)),
      'mosquitto_sub watching',
    );
    status(MINE);
    const lines = (await out)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Msg);
    expect(lines.map((m) => m.type)).toEqual(['subscribed', 'event']);
    expect(lines[1]).toMatchObject({ chargePointId: MINE, seq });
  });
});
