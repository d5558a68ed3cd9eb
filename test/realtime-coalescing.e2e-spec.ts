import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStatusNotificationRequest,
} from './helpers/ocpp-builders.js';
import {
  arrivals,
  currentSeq,
  nextTimestamp,
  registerChargePoint,
  sleep,
  untilSeq,
} from './helpers/realtime.js';
import { ADMIN, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { connectUser, type Msg, type UserSocket } from './helpers/user-socket.js';

const INTERVAL = 500;

// Contract section 3: "MeterValues events reach users at most once per REALTIME_METER_INTERVAL_MS
// per connector, the latest value winning; every other event is delivered, in order."
describe('/ws/users MeterValues throttling', () => {
  let t: TestApp;
  let user: TestUser;
  let adminToken: string;
  let n = 0;

  beforeAll(async () => {
    t = await startApp('sqlite', { ...restEnv, REALTIME_METER_INTERVAL_MS: String(INTERVAL) });
    adminToken = await login(t, ADMIN.username, ADMIN.password);
    user = await createUser(t, adminToken, 'meter-user');
  });
  afterAll(() => t.close());

  /** A fresh charger of the user, connected and booted, and a session that follows it. */
  async function setUp(): Promise<{ cp: OcppTestClient; u: UserSocket; CP: string }> {
    const CP = `CP_METER_${++n}`;
    await registerChargePoint(t, adminToken, CP, user.id);
    const cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
    const u = await connectUser(t.wsUrl, user.token);
    await u.request({ action: 'subscribe', chargePointId: CP, id: 's' });
    return { cp, u, CP };
  }
  const meter = (cp: OcppTestClient, kW: number, connectorId = 1) =>
    cp.call(
      'MeterValues',
      aMeterValuesRequest({
        connectorId,
        meterValue: [
          {
            timestamp: nextTimestamp(),
            sampledValue: [{ value: String(kW), measurand: 'Power.Active.Import', unit: 'kW' }],
          },
        ],
      }),
    );
  const status = (cp: OcppTestClient, info: string) =>
    cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId: 1, info, timestamp: nextTimestamp() }),
    );
  const meters = (got: Array<{ at: number; msg: Msg }>) =>
    got.filter((a) => a.msg.type === 'event' && a.msg.event === 'MeterValues');

  /** Every two MeterValues of one connector arrive at least an interval apart (10% timer slack). */
  function expectSpaced(got: Array<{ at: number; msg: Msg }>) {
    const times = meters(got).map((a) => a.at);
    const gaps = times.slice(1).map((at, i) => at - times[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL * 0.9);
  }

  it('five quick MeterValues: at most one per interval, the last one carrying the latest value', async () => {
    const { cp, u, CP } = await setUp();
    const got = arrivals(u);
    const t0 = Date.now();
    for (let kW = 1; kW <= 5; kW++) await meter(cp, kW);
    expect(Date.now() - t0).toBeLessThan(INTERVAL); // "quickly": inside one interval
    // the latest value comes at the latest one interval on; then nothing more
    await untilSeq(u, CP, await currentSeq(t, user.token, CP), INTERVAL * 3);
    await sleep(INTERVAL);

    const received = meters(got);
    expect(received.filter((a) => a.at < t0 + INTERVAL).length).toBeLessThanOrEqual(2);
    expect(received.length).toBeGreaterThanOrEqual(1);
    expect(received.length).toBeLessThanOrEqual(2);
    expect(received.at(-1)?.msg.data.powerW).toBe(5000);
    expectSpaced(got);
    const seqs = got.map((a) => a.msg.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    u.close();
    await cp.close();
  });

  it('status events between the MeterValues all arrive, in seq order, and do not defeat the throttle', async () => {
    const { cp, u, CP } = await setUp();
    const got = arrivals(u);
    const t0 = Date.now();
    for (let kW = 1; kW <= 5; kW++) {
      await meter(cp, kW);
      if (kW < 5) await status(cp, `between-${kW}`);
    }
    expect(Date.now() - t0).toBeLessThan(INTERVAL);
    const last = await currentSeq(t, user.token, CP);
    await untilSeq(u, CP, last, INTERVAL * 3);
    await sleep(INTERVAL);

    const events = got.filter((a) => a.msg.type === 'event').map((a) => a.msg);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b)); // strictly increasing
    expect(
      events.filter((e) => e.event === 'ConnectorStatusChanged').map((e) => e.data.info),
    ).toEqual(['between-1', 'between-2', 'between-3', 'between-4']);
    const received = meters(got);
    expect(received.filter((a) => a.at < t0 + INTERVAL).length).toBeLessThanOrEqual(2);
    expect(received.at(-1)?.msg.data.powerW).toBe(5000);
    expectSpaced(got);
    u.close();
    await cp.close();
  });

  it('each connector has its own interval', async () => {
    const { cp, u } = await setUp();
    const got = arrivals(u);
    const t0 = Date.now();
    await meter(cp, 7, 1);
    await meter(cp, 11, 2);
    await sleep(INTERVAL * 0.6);
    const early = meters(got).filter((a) => a.at < t0 + INTERVAL * 0.6);
    expect(early.map((a) => [a.msg.data.connectorId, a.msg.data.powerW])).toEqual([
      [1, 7000],
      [2, 11000],
    ]);
    u.close();
    await cp.close();
  });
});
