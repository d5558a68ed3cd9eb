import { startApp, type TestApp } from './helpers/app.js';
import { connectCharger, rawCharger } from './helpers/charger.js';
import { testDialects } from './helpers/databases.js';

// Issue 13, point 3 (contract section 9): what one connection may cost. A frame past
// OCPP_MAX_MESSAGE_BYTES closes that connection (1009); calls past OCPP_MAX_PENDING_CALLS
// unanswered, or past OCPP_RATE_LIMIT_PER_10S, are answered at once and not handled; message ids
// are at most 36 characters. The neighbours are untouched.

const dialects = await testDialects();

const heartbeat = (id: string) => JSON.stringify([2, id, 'Heartbeat', {}]);

describe.each(dialects)('OCPP per-connection limits (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp(dialect, {
      OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
      OCPP_MAX_PENDING_CALLS: '1',
      OCPP_RATE_LIMIT_PER_10S: '60',
    });
  });
  afterAll(() => t.close());

  it('closes a connection that sends a frame past 64 KiB with 1009, and only that one', async () => {
    const neighbour = await connectCharger(t.wsUrl, 'CP_NEIGHBOUR_1');
    const big = await rawCharger(t.wsUrl, 'CP_BIG');
    const closed = big.closed();
    big.send(
      JSON.stringify([2, 'm1', 'DataTransfer', { vendorId: 'x', data: 'y'.repeat(70_000) }]),
    );
    await expect(closed).resolves.toBe(1009);
    await expect(neighbour.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
    await neighbour.close();
  });

  it('answers calls past OCPP_MAX_PENDING_CALLS unanswered with a CALLERROR, each of them', async () => {
    const flood = await rawCharger(t.wsUrl, 'CP_FLOOD');
    const n = 40;
    for (let i = 0; i < n; i++) flood.send(heartbeat(`hb${i}`));
    const answers = await Promise.all(Array.from({ length: n }, () => flood.next()));
    const refused = (answers as unknown[][]).filter(
      (a) => a[0] === 4 && a[2] === 'GenericError' && /in flight/.test(String(a[3])),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((a) => Array.isArray(a) && (a[0] === 3 || a[0] === 4))).toBe(true);
    flood.close();
  });

  it('rate-limits one charger past OCPP_RATE_LIMIT_PER_10S, not its neighbour', async () => {
    const busy = await rawCharger(t.wsUrl, 'CP_BUSY');
    const codes: unknown[] = [];
    for (let i = 0; i < 70; i++) {
      const a = (await busy.request(heartbeat(`r${i}`))) as unknown[];
      codes.push(a[0] === 3 ? 'ok' : a[2]);
    }
    expect(codes.slice(0, 60).every((c) => c === 'ok')).toBe(true);
    expect(codes.slice(60).every((c) => c === 'GenericError')).toBe(true);
    const neighbour = await connectCharger(t.wsUrl, 'CP_NEIGHBOUR_2');
    await expect(neighbour.call('Heartbeat', {})).resolves.toHaveProperty('currentTime');
    await neighbour.close();
    busy.close();
  });

  it('refuses a message id longer than 36 characters (FormationViolation)', async () => {
    const cp = await rawCharger(t.wsUrl, 'CP_LONG_ID');
    const id = 'x'.repeat(37);
    await expect(cp.request(heartbeat(id))).resolves.toEqual([
      4,
      id,
      'FormationViolation',
      expect.any(String),
      expect.anything(),
    ]);
    await expect(cp.request(heartbeat('y'.repeat(36)))).resolves.toEqual([
      3,
      'y'.repeat(36),
      expect.objectContaining({ currentTime: expect.any(String) }),
    ]);
    cp.close();
  });
});
