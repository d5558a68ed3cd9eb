import { Like } from 'typeorm';
import { ChargePointEntity } from '../src/modules/charge-point/persistence/charge-point.entity.js';
import { MeterValueSampleEntity } from '../src/modules/charge-point/persistence/meter-value-sample.entity.js';
import { TransactionEntity } from '../src/modules/charge-point/persistence/transaction.entity.js';
import { runSimulation } from '../src/tools/simulator/fleet.js';
import { startApp, type TestApp } from './helpers/app.js';
import { recordEvents } from './helpers/events.js';
import { ADMIN, api, bearer, createUser, login, restEnv } from './helpers/rest.js';

// The simulator (npm run simulate) driven programmatically against the real app. SQLite only:
// the simulator is a client, and persistence on both dialects has its own suites.
describe('the charger fleet simulator', () => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    // the first run does not --register: its id tags are unknown, and accepted for this demo
    t = await startApp('sqlite', {
      ...restEnv,
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_ACCEPT_UNKNOWN_ID_TAGS: 'true',
    });
    events = recordEvents(t.app);
  });
  afterAll(() => t.close());

  it('boots every charger, charges with meter values, and ends without an error', async () => {
    const summary = await runSimulation({
      url: t.wsUrl,
      chargers: 3,
      durationS: 6,
      rampS: 1,
      meterIntervalS: 1,
      sessionMinutes: 0.05,
      seed: 1,
    });

    expect(summary.errors).toEqual({ total: 0, byKind: {} });
    expect(summary.chargers).toEqual({ planned: 3, booted: 3, connectedAtStop: 3 });
    expect(summary.sessions.started).toBeGreaterThan(0);
    expect(summary.messages.answered).toBe(summary.messages.sent);
    expect(summary.latencyMs.p99).not.toBeNull();

    const m = t.dataSource.manager;
    const chargers = await m.find(ChargePointEntity, {
      where: { id: Like('SIM_%') },
      order: { id: 'ASC' },
    });
    expect(chargers.map((c) => [c.id, c.vendor, c.connectorCount])).toEqual([
      ['SIM_0001', 'Voltline', 2],
      ['SIM_0002', 'Voltline', 2],
      ['SIM_0003', 'Voltline', 2],
    ]);

    const transactions = await m.find(TransactionEntity, {
      where: { chargePointId: Like('SIM_%') },
    });
    expect(transactions.length).toBe(summary.sessions.started);
    // sessions still running when the run ended were stopped, not left open
    for (const tx of transactions) {
      expect(tx.stoppedAt).not.toBeNull();
      expect(tx.meterStopWh).toBeGreaterThanOrEqual(tx.meterStartWh);
    }
    const registers = await m.find(MeterValueSampleEntity, {
      where: { measurand: 'Energy.Active.Import.Register', chargePointId: Like('SIM_%') },
      order: { sampledAt: 'ASC', id: 'ASC' },
    });
    const withSamples = transactions.filter((tx) =>
      registers.some((s) => s.transactionId === tx.id),
    );
    expect(withSamples.length).toBeGreaterThan(0);
    // the register only grows, from meterStart to meterStop
    for (const tx of withSamples) {
      const values = registers.filter((s) => s.transactionId === tx.id).map((s) => s.value);
      expect(values).toEqual([...values].sort((a, b) => (a as number) - (b as number)));
      expect(values[0]).toBe(tx.meterStartWh);
      expect(values.at(-1)).toBe(tx.meterStopWh);
    }

    // every socket was closed: each charger went offline
    for (const id of ['SIM_0001', 'SIM_0002', 'SIM_0003']) {
      const offline = await events.waitFor(
        (e) => e.chargePointId === id && e.name === 'ChargePointOffline',
      );
      expect(offline.data).toEqual({ reason: 'closed' });
    }
  }, 30_000);

  it('registers its chargers through the REST API first, with their connectors and owner', async () => {
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    const owner = await createUser(t, adminToken, 'fleet-owner');
    const options = {
      url: t.wsUrl,
      chargers: 2,
      durationS: 2,
      prefix: 'REG_',
      password: 'simulated-charger-pw',
      register: true,
      adminPassword: ADMIN.password,
      owner: owner.id,
    };

    const first = await runSimulation(options);
    // again: the chargers exist (409), which is fine
    const again = await runSimulation(options);

    for (const summary of [first, again]) {
      expect(summary.errors).toEqual({ total: 0, byKind: {} });
      expect(summary.chargers.booted).toBe(2);
    }
    const snap = await api(t).get('/api/v1/charge-points/REG_0002').set(bearer(owner.token));
    expect(snap.status).toBe(200);
    expect(snap.body.connectors).toEqual([
      expect.objectContaining({ connectorId: 1, type: 'Type2', maxPowerW: 11000, maxCurrentA: 16 }),
      expect.objectContaining({ connectorId: 2, type: 'Type2', maxPowerW: 11000, maxCurrentA: 16 }),
    ]);
    // the tags its drivers show are in the store, held by the owner
    const tags = await api(t).get('/api/v1/users/me/id-tags').set(bearer(owner.token));
    expect(tags.body.items).toHaveLength(4);
    expect(tags.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ idTag: expect.stringMatching(/^SIM[0-9A-F]{12}$/) }),
      ]),
    );
    // and it had to send the password: the server refuses the charger without it
    const refused = await runSimulation({
      ...options,
      register: false,
      owner: undefined,
      password: undefined,
    });
    expect(refused.errors.byKind).toEqual({ 'handshake refused (401)': 2 });
  }, 30_000);
});
