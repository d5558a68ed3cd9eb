import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';
import { aMeterValuesRequest } from './helpers/ocpp-builders.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';
import { grantAccess, registerChargePoint } from './helpers/realtime.js';

// Contract section 7, meter history for charts: per connector and bucket, average power and the
// last energy register, computed by the database, the same on SQLite and PostgreSQL.

const dialects = await testDialects();
const CP = 'CP_HIST_1';

const reading = (timestamp: string, sampledValue: Array<Record<string, string>>, connectorId = 1) =>
  aMeterValuesRequest({ connectorId, meterValue: [{ timestamp, sampledValue }] });
const power = (kW: string) => ({ value: kW, measurand: 'Power.Active.Import', unit: 'kW' });
const energy = (kWh: string) => ({
  value: kWh,
  measurand: 'Energy.Active.Import.Register',
  unit: 'kWh',
});

describe.each(dialects)('meter history (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;
  let owner: TestUser;
  let grantee: TestUser;
  let stranger: TestUser;
  let cp: OcppTestClient;
  const history = (token: string, query: string) =>
    api(t).get(`/api/v1/charge-points/${CP}/meter-values${query}`).set(bearer(token));

  beforeAll(async () => {
    t = await startApp(dialect, restEnv);
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'hist-owner');
    grantee = await createUser(t, admin, 'hist-grantee');
    stranger = await createUser(t, admin, 'hist-stranger');
    await registerChargePoint(t, admin, CP, owner.id);
    await grantAccess(t, owner.token, CP, grantee.id);
    cp = await connectCharger(t.wsUrl, CP);
    // bucket 10:00-10:15: 6 kW and 8 kW; the last register 10.5 kWh (not the larger, earlier one
    // that comes later in the exchange: the last by time wins)
    await cp.call('MeterValues', reading('2026-11-01T10:05:00.000Z', [power('8'), energy('10.5')]));
    await cp.call('MeterValues', reading('2026-11-01T10:00:00.000Z', [power('6'), energy('10')]));
    // bucket 10:15-10:30: per-phase power only (summed), and an inlet reading left out
    await cp.call(
      'MeterValues',
      reading('2026-11-01T10:20:00.000Z', [
        { ...power('1'), phase: 'L1' },
        { ...power('2'), phase: 'L2' },
        { ...power('3'), phase: 'L3' },
        { ...power('99'), location: 'Inlet' },
        energy('11'),
      ]),
    );
    // 11:00 on connector 2; and a reading outside the range
    await cp.call('MeterValues', reading('2026-11-01T11:00:00.000Z', [power('22')], 2));
    await cp.call('MeterValues', reading('2026-11-01T12:00:00.000Z', [power('50')]));
  });
  afterAll(async () => {
    await cp.close();
    await t.close();
  });

  const RANGE = '&from=2026-11-01T10:00:00.000Z&to=2026-11-01T12:00:00.000Z';

  it('buckets of 15 minutes: average power, last energy, per connector', async () => {
    const res = await history(owner.token, `?bucket=15m${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      chargePointId: CP,
      bucket: '15m',
      from: '2026-11-01T10:00:00.000Z',
      to: '2026-11-01T12:00:00.000Z',
      items: [
        { connectorId: 1, at: '2026-11-01T10:00:00.000Z', powerW: 7000, energyWh: 10500 },
        { connectorId: 1, at: '2026-11-01T10:15:00.000Z', powerW: 6000, energyWh: 11000 },
        { connectorId: 2, at: '2026-11-01T11:00:00.000Z', powerW: 22000, energyWh: null },
      ],
    });
  });

  it('one connector, hourly buckets', async () => {
    const res = await history(grantee.token, `?connectorId=1&bucket=1h${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { connectorId: 1, at: '2026-11-01T10:00:00.000Z', powerW: 6666.7, energyWh: 11000 },
    ]);
  });

  it('a charger the caller may not see is 404', async () => {
    const res = await history(stranger.token, `?bucket=1h${RANGE}`);
    expect(res.status).toBe(404);
  });

  it.each([
    ['an unknown bucket', '?bucket=5m', 'bucket'],
    ['from after to', '?from=2026-11-02T00:00:00.000Z&to=2026-11-01T00:00:00.000Z', 'from'],
    [
      'too many buckets',
      '?bucket=1m&from=2026-01-01T00:00:00.000Z&to=2026-11-01T00:00:00.000Z',
      'larger bucket',
    ],
    ['an unknown parameter', '?measurand=SoC', 'measurand'],
  ])('%s is a 400 naming it', async (_n, query, message) => {
    const res = await history(admin, query);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(message);
  });
});
