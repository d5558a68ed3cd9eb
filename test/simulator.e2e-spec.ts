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

  it('runs a mixed fleet: every other charger speaks 2.0.1, and both charge the same way', async () => {
    const summary = await runSimulation({
      url: t.wsUrl,
      ocpp: 'mixed',
      prefix: 'MIX_',
      chargers: 2,
      connectors: 1,
      durationS: 6,
      rampS: 1,
      meterIntervalS: 1,
      sessionMinutes: 0.05,
      seed: 3,
    });

    expect(summary.errors).toEqual({ total: 0, byKind: {} });
    expect(summary.chargers).toEqual({ planned: 2, booted: 2, connectedAtStop: 2 });
    const m = t.dataSource.manager;
    const chargers = await m.find(ChargePointEntity, {
      where: { id: Like('MIX_%') },
      order: { id: 'ASC' },
    });
    expect(chargers.map((c) => [c.id, c.ocppVersion, c.vendor])).toEqual([
      ['MIX_0001', '1.6', 'Voltline'],
      ['MIX_0002', '2.0.1', 'Voltline'],
    ]);
    const transactions = await m.find(TransactionEntity, {
      where: { chargePointId: Like('MIX_%') },
    });
    // both versions started sessions, each ended with a register that never went back
    expect(new Set(transactions.map((tx) => tx.chargePointId))).toEqual(
      new Set(['MIX_0001', 'MIX_0002']),
    );
    for (const tx of transactions) {
      expect(tx.stoppedAt).not.toBeNull();
      expect(tx.meterStopWh).toBeGreaterThanOrEqual(tx.meterStartWh);
      expect(tx.ocppTransactionId === null).toBe(tx.chargePointId === 'MIX_0001');
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

  /** One simulated charger of two connectors that charges only when told to, and the admin's
   * way to command it and to wait for what it does. */
  async function commandedCharger(prefix: string, ocpp: '1.6' | '2.0.1', seed: number) {
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    const id = `${prefix}0001`;
    const end = new AbortController();
    const run = runSimulation(
      {
        url: t.wsUrl,
        ocpp,
        chargers: 1,
        connectors: 2,
        prefix,
        durationS: 120,
        rampS: 0,
        meterIntervalS: 60,
        sessionMinutes: 10,
        remoteOnly: true,
        seed,
      },
      { signal: end.signal },
    );
    const command = async (name: string, body: object) => {
      const res = await api(t)
        .post(`/api/v1/charge-points/${id}/commands/${name}`)
        .set(bearer(adminToken))
        .send(body);
      expect(res.status).toBe(200);
      return res.body as { status: string; response: Record<string, unknown> };
    };
    const of = (name: string, match: (data: Record<string, unknown>) => boolean = () => true) =>
      events.waitFor(
        (e) => e.chargePointId === id && e.name === name && match(e.data as never),
        15_000,
      );
    return { id, run, end, command, of };
  }

  it('answers remote commands as a charger does: start, sample interval, stop, reset', async () => {
    const { id, run, end, command, of } = await commandedCharger('CMD_', '1.6', 5);
    try {
      await of('ChargePointBooted');
      await of('ConnectorStatusChanged', (d) => d.connectorId === 2 && d.status === 'Available');

      // samples every second from now on, instead of every minute
      const change = await command('change-configuration', {
        key: 'MeterValueSampleInterval',
        value: '1',
      });
      expect(change.status).toBe('Accepted');
      const read = await command('get-configuration', {
        keys: ['MeterValueSampleInterval', 'Nope'],
      });
      expect(read.response).toEqual({
        configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '1' }],
        unknownKey: ['Nope'],
      });

      expect((await command('start-transaction', { connectorId: 2, idTag: 'DEMO1' })).status).toBe(
        'Accepted',
      );
      const started = await of('TransactionStarted');
      expect(started.data).toMatchObject({ connectorId: 2, idTag: 'DEMO1' });
      const transactionId = (started.data as { transactionId: number }).transactionId;
      // a connector that charges refuses another start
      expect((await command('start-transaction', { connectorId: 2, idTag: 'DEMO2' })).status).toBe(
        'Rejected',
      );
      // two periodic samples, a second apart, well within the old minute
      const samples = () =>
        events
          .of(id)
          .filter(
            (e) =>
              e.name === 'MeterValues' &&
              (e.data as { transactionId: number }).transactionId === transactionId,
          );
      await of('MeterValues', () => samples().length >= 3);

      expect((await command('stop-transaction', { transactionId })).status).toBe('Accepted');
      const stopped = await of('TransactionStopped', (d) => d.transactionId === transactionId);
      expect(stopped.data).toMatchObject({ connectorId: 2, reason: 'Remote' });
      expect((await command('stop-transaction', { transactionId })).status).toBe('Rejected');

      // a reset ends a running session with its reason, drops the link and boots again
      await command('start-transaction', { connectorId: 1, idTag: 'DEMO3' });
      const second = await of('TransactionStarted', (d) => d.idTag === 'DEMO3');
      const boots = events.of(id).filter((e) => e.name === 'ChargePointBooted').length;
      expect((await command('reset', { type: 'Hard' })).status).toBe('Accepted');
      const reset = await of(
        'TransactionStopped',
        (d) => d.transactionId === (second.data as { transactionId: number }).transactionId,
      );
      expect(reset.data).toMatchObject({ reason: 'HardReset' });
      await of('ChargePointOffline');
      await of(
        'ChargePointBooted',
        () => events.of(id).filter((e) => e.name === 'ChargePointBooted').length > boots,
      );
      // the configuration survived the reboot
      const after = await command('get-configuration', { keys: ['MeterValueSampleInterval'] });
      expect(after.response.configurationKey).toEqual([
        { key: 'MeterValueSampleInterval', readonly: false, value: '1' },
      ]);
    } finally {
      end.abort();
    }
    const summary = await run;
    expect(summary.errors).toEqual({ total: 0, byKind: {} });
    expect(summary.resets).toBe(1);
    expect(summary.sessions).toMatchObject({ started: 2, stoppedOnRequest: 2 });
    expect(summary.commands.byAction).toMatchObject({
      ChangeConfiguration: 1,
      GetConfiguration: 2,
      RemoteStartTransaction: 3,
      RemoteStopTransaction: 2,
      Reset: 1,
    });
    expect(summary.commands.refused).toBe(2);
  }, 60_000);

  it('answers the same commands as a 2.0.1 charger: variables, start, stop, unlock, reset', async () => {
    const { id, run, end, command, of } = await commandedCharger('C201_', '2.0.1', 7);
    const interval = {
      component: { name: 'SampledDataCtrlr' },
      variable: { name: 'TxUpdatedInterval' },
    };
    try {
      await of('ChargePointBooted');
      await of('ConnectorStatusChanged', (d) => d.connectorId === 2 && d.status === 'Available');

      // the 1.6 key reaches the charger as its 2.0.1 variable
      const change = await command('change-configuration', {
        key: 'MeterValueSampleInterval',
        value: '1',
      });
      expect(change.status).toBe('Accepted');
      expect((await command('change-configuration', { key: 'Nope.Nope', value: '1' })).status).toBe(
        'UnknownComponent',
      );
      const read = await command('get-configuration', {
        keys: ['MeterValueSampleInterval', 'OCPPCommCtrlr.Nope'],
      });
      expect(read.response).toEqual({
        getVariableResult: [
          { ...interval, attributeStatus: 'Accepted', attributeValue: '1' },
          {
            component: { name: 'OCPPCommCtrlr' },
            variable: { name: 'Nope' },
            attributeStatus: 'UnknownVariable',
          },
        ],
      });

      expect((await command('start-transaction', { connectorId: 2, idTag: 'DEMO1' })).status).toBe(
        'Accepted',
      );
      const started = await of('TransactionStarted', (d) => d.idTag === 'DEMO1');
      expect(started.data).toMatchObject({ connectorId: 2 });
      const transactionId = (started.data as { transactionId: number }).transactionId;
      expect((await command('start-transaction', { connectorId: 2, idTag: 'DEMO2' })).status).toBe(
        'Rejected',
      );
      // a cable in use is not released
      expect((await command('unlock-connector', { connectorId: 2 })).status).toBe(
        'OngoingAuthorizedTransaction',
      );
      expect((await command('unlock-connector', { connectorId: 1 })).status).toBe('Unlocked');
      const samples = () =>
        events
          .of(id)
          .filter(
            (e) =>
              e.name === 'MeterValues' &&
              (e.data as { transactionId: number }).transactionId === transactionId,
          );
      await of('MeterValues', () => samples().length >= 3);

      expect((await command('stop-transaction', { transactionId })).status).toBe('Accepted');
      const stopped = await of('TransactionStopped', (d) => d.transactionId === transactionId);
      expect(stopped.data).toMatchObject({ connectorId: 2, reason: 'Remote' });
      expect((await command('stop-transaction', { transactionId })).status).toBe('Rejected');

      await command('start-transaction', { connectorId: 1, idTag: 'DEMO3' });
      const second = await of('TransactionStarted', (d) => d.idTag === 'DEMO3');
      const boots = events.of(id).filter((e) => e.name === 'ChargePointBooted').length;
      expect((await command('reset', { type: 'Hard' })).status).toBe('Accepted');
      const reset = await of(
        'TransactionStopped',
        (d) => d.transactionId === (second.data as { transactionId: number }).transactionId,
      );
      expect(reset.data).toMatchObject({ reason: 'ImmediateReset' });
      await of('ChargePointOffline');
      await of(
        'ChargePointBooted',
        () => events.of(id).filter((e) => e.name === 'ChargePointBooted').length > boots,
      );
      const after = await command('get-configuration', { keys: ['MeterValueSampleInterval'] });
      expect(after.response).toEqual({
        getVariableResult: [{ ...interval, attributeStatus: 'Accepted', attributeValue: '1' }],
      });
    } finally {
      end.abort();
    }
    const summary = await run;
    expect(summary.errors).toEqual({ total: 0, byKind: {} });
    expect(summary.resets).toBe(1);
    expect(summary.sessions).toMatchObject({ started: 2, stoppedOnRequest: 2 });
    expect(summary.commands.byAction).toMatchObject({
      SetVariables: 2,
      GetVariables: 2,
      RequestStartTransaction: 3,
      RequestStopTransaction: 2,
      UnlockConnector: 2,
      Reset: 1,
    });
    // the busy connector's start, the stopped transaction's stop, the busy cable, the unknown component
    expect(summary.commands.refused).toBe(4);
  }, 60_000);

  it('refuses the share of commands --reject-rate asks for', async () => {
    const adminToken = await login(t, ADMIN.username, ADMIN.password);
    const end = new AbortController();
    const run = runSimulation(
      {
        url: t.wsUrl,
        chargers: 1,
        prefix: 'REJ_',
        durationS: 60,
        rampS: 0,
        rejectRate: 1,
        seed: 2,
      },
      { signal: end.signal },
    );
    try {
      await events.waitFor((e) => e.chargePointId === 'REJ_0001' && e.name === 'ChargePointBooted');
      for (const [name, body, status] of [
        ['clear-cache', {}, 'Rejected'],
        ['unlock-connector', { connectorId: 1 }, 'UnlockFailed'],
        ['reset', { type: 'Soft' }, 'Rejected'],
      ] as const) {
        const res = await api(t)
          .post(`/api/v1/charge-points/REJ_0001/commands/${name}`)
          .set(bearer(adminToken))
          .send(body);
        expect([res.status, res.body.status]).toEqual([200, status]);
      }
    } finally {
      end.abort();
    }
    const summary = await run;
    expect(summary.commands).toMatchObject({ received: 3, refused: 3 });
    expect(summary.resets).toBe(0);
  }, 30_000);
});
