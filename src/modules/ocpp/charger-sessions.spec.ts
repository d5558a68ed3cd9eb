import { ChargerSessions } from './charger-sessions.js';
import type { OcppConnection } from './transport/ocpp-transport.js';

// ChargerSessions only reads chargePointId; the rest of the port is inert.
function aConnection(chargePointId = 'CP_BKK_001'): OcppConnection {
  return {
    chargePointId,
    protocol: 'ocpp1.6',
    serve: () => undefined,
    onActivity: () => undefined,
    onClose: () => undefined,
    close: async () => undefined,
    call: async () => ({}),
  };
}

describe('ChargerSessions', () => {
  let sessions: ChargerSessions;

  beforeEach(() => {
    sessions = new ChargerSessions();
  });

  it('opens a first session with nothing replaced', () => {
    const connection = aConnection();

    const { session, replaced } = sessions.open(connection);

    expect(session.connection).toBe(connection);
    expect(replaced).toBeUndefined();
    expect(sessions.isCurrent(session)).toBe(true);
  });

  it('stamps a new session with the time it opened', () => {
    const before = Date.now();
    const { session } = sessions.open(aConnection());
    const after = Date.now();

    expect(session.lastActivityAt).toBeGreaterThanOrEqual(before);
    expect(session.lastActivityAt).toBeLessThanOrEqual(after);
  });

  it('returns the session a second connection for the same charger replaces', () => {
    const first = sessions.open(aConnection('CP_1')).session;

    const { session: second, replaced } = sessions.open(aConnection('CP_1'));

    expect(replaced).toBe(first);
    expect(second).not.toBe(first);
    expect(sessions.isCurrent(second)).toBe(true);
    expect(sessions.isCurrent(first)).toBe(false);
    expect(sessions.size).toBe(1);
  });

  it('does not let one charger replace another', () => {
    sessions.open(aConnection('CP_1'));

    const { replaced } = sessions.open(aConnection('CP_2'));

    expect(replaced).toBeUndefined();
    expect(sessions.size).toBe(2);
  });

  it('releases the current session', () => {
    const { session } = sessions.open(aConnection());

    expect(sessions.release(session)).toBe(true);
    expect(sessions.isCurrent(session)).toBe(false);
    expect(sessions.size).toBe(0);
  });

  it('releases a session only once', () => {
    const { session } = sessions.open(aConnection());
    sessions.release(session);

    expect(sessions.release(session)).toBe(false);
  });

  it('keeps the current session when a replaced one is released', () => {
    const first = sessions.open(aConnection('CP_1')).session;
    const second = sessions.open(aConnection('CP_1')).session;

    expect(sessions.release(first)).toBe(false);
    expect(sessions.isCurrent(second)).toBe(true);
    expect(sessions.size).toBe(1);
    expect(sessions.release(second)).toBe(true);
  });

  it('lists the sessions whose last activity is before the cutoff', () => {
    const quiet = sessions.open(aConnection('CP_QUIET')).session;
    const busy = sessions.open(aConnection('CP_BUSY')).session;
    const edge = sessions.open(aConnection('CP_EDGE')).session;
    quiet.lastActivityAt = 1_000;
    busy.lastActivityAt = 5_000;
    edge.lastActivityAt = 3_000;

    expect(sessions.idleSince(3_000)).toEqual([quiet]);
    expect(sessions.idleSince(3_001)).toEqual(expect.arrayContaining([quiet, edge]));
    expect(sessions.idleSince(3_001)).toHaveLength(2);
    expect(sessions.idleSince(1_000)).toEqual([]);
  });

  it('does not list replaced or released sessions as idle', () => {
    const replaced = sessions.open(aConnection('CP_1')).session;
    const current = sessions.open(aConnection('CP_1')).session;
    const released = sessions.open(aConnection('CP_2')).session;
    sessions.release(released);
    replaced.lastActivityAt = 0;
    released.lastActivityAt = 0;
    current.lastActivityAt = 10;

    expect(sessions.idleSince(100)).toEqual([current]);
  });

  it('counts one session per charger', () => {
    expect(sessions.size).toBe(0);
    sessions.open(aConnection('CP_1'));
    sessions.open(aConnection('CP_2'));
    sessions.open(aConnection('CP_1'));

    expect(sessions.size).toBe(2);
  });
});
