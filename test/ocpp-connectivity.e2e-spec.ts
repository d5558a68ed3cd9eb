import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, rawCharger } from './helpers/charger.js';
import { createDatabase, testDialects } from './helpers/databases.js';
import { recordEvents } from './helpers/events.js';
import { aBootNotificationRequest, aStatusNotificationRequest } from './helpers/ocpp-builders.js';

const dialects = await testDialects();

describe.each(dialects)('charger connectivity (%s)', (dialect) => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;
  const online = async (id: string) =>
    (await t.dataSource.manager.findOneByOrFail(ChargePointEntity, { id })).online;

  beforeAll(async () => {
    t = await startApp(dialect, {
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_HEARTBEAT_INTERVAL_S: '1',
      OCPP_HEARTBEAT_GRACE_S: '1',
    });
    events = recordEvents(t.app);
  });
  afterAll(() => t.close());

  it('is online on connect and offline (closed) on close', async () => {
    const cp = await connectCharger(t.wsUrl, 'CP_CONN_1');
    const up = await events.waitFor(
      (e) => e.chargePointId === 'CP_CONN_1' && e.name === 'ChargePointOnline',
    );
    expect(up.data).toEqual({ reconnected: false });
    expect(await online('CP_CONN_1')).toBe(true);
    await cp.close();
    const down = await events.waitFor(
      (e) => e.chargePointId === 'CP_CONN_1' && e.name === 'ChargePointOffline',
    );
    expect(down.data).toEqual({ reason: 'closed' });
    expect(await online('CP_CONN_1')).toBe(false);
  });

  it('lets a second connection replace the first without going offline', async () => {
    const first = await connectCharger(t.wsUrl, 'CP_DUP');
    await first.call('BootNotification', aBootNotificationRequest());
    const firstClosed = new Promise<number>((resolve) =>
      first.once('close', (e) => resolve(e.code)),
    );

    const second = await connectCharger(t.wsUrl, 'CP_DUP');
    expect(await firstClosed).toBe(4000);
    const reconnected = await events.waitFor(
      (e) => e.chargePointId === 'CP_DUP' && e.name === 'ChargePointOnline' && e.seq > 1,
    );
    expect(reconnected.data).toEqual({ reconnected: true });

    // the new connection works, state kept without a new BootNotification
    expect(await second.call('StatusNotification', aStatusNotificationRequest())).toEqual({});
    expect(await online('CP_DUP')).toBe(true);
    const cp = await t.dataSource.manager.findOneByOrFail(ChargePointEntity, { id: 'CP_DUP' });
    expect(cp.vendor).toBe('ACME');
    expect(events.of('CP_DUP').some((e) => e.name === 'ChargePointOffline')).toBe(false);

    await second.close();
    await events.waitFor((e) => e.chargePointId === 'CP_DUP' && e.name === 'ChargePointOffline');
    expect(await online('CP_DUP')).toBe(false);
  });

  it('turns a silent charger offline (timeout) after 2 x interval + grace and closes it', async () => {
    // a raw client that never answers pings and sends nothing after connecting
    const silent = await rawCharger(t.wsUrl, 'CP_SILENT', { autoPong: false });
    const closed = silent.closed();
    await events.waitFor((e) => e.chargePointId === 'CP_SILENT' && e.name === 'ChargePointOnline');
    const down = await events.waitFor(
      (e) => e.chargePointId === 'CP_SILENT' && e.name === 'ChargePointOffline',
      10_000,
    );
    expect(down.data).toEqual({ reason: 'timeout' });
    expect(await closed).toBe(4001);
    expect(await online('CP_SILENT')).toBe(false);
  });

  it('keeps a charger that only answers pings online', async () => {
    const cp = await rawCharger(t.wsUrl, 'CP_PONGS');
    await events.waitFor((e) => e.chargePointId === 'CP_PONGS' && e.name === 'ChargePointOnline');
    // longer than 2 x interval + grace (3 s): pings (answered by the ws client) keep it alive
    await new Promise((r) => setTimeout(r, 4500));
    expect(events.of('CP_PONGS').some((e) => e.name === 'ChargePointOffline')).toBe(false);
    expect(await cp.request('[2,"h","Heartbeat",{}]')).toEqual([3, 'h', expect.any(Object)]);
    cp.close();
  });
});

describe.each(dialects)('restart (%s)', (dialect) => {
  it('marks chargers left online by a previous run offline, with seq continuing', async () => {
    const db = await createDatabase(dialect);
    try {
      const first = await startApp(dialect, { OCPP_ALLOW_UNKNOWN_CHARGERS: 'true' }, db);
      await first.dataSource.manager.insert(ChargePointEntity, {
        id: 'CP_ORPHAN',
        online: true,
        lastSeq: 7,
      });
      await first.close();

      // alone, at start; with Redis presence (TEST_EVENT_TRANSPORT=redis), by the presence
      // sweep, which runs every PRESENCE_TTL_S / 3 s: polled, bounded
      const second = await startApp(dialect, { PRESENCE_TTL_S: '3' }, db);
      try {
        const read = () =>
          second.dataSource.manager.findOneByOrFail(ChargePointEntity, { id: 'CP_ORPHAN' });
        const deadline = Date.now() + 5000;
        let cp = await read();
        while (cp.online && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          cp = await read();
        }
        expect(cp.online).toBe(false);
        expect(cp.lastSeq).toBe(8);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
    }
  });
});
