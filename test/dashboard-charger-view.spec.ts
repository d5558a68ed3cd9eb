import {
  applyEvent,
  type ChargerView,
  fromSnapshot,
  POWER_WINDOW_MS,
} from '../web/src/live/charger-view.js';
import type { ChargerSnapshot, EventMessage } from '../web/src/live/types.js';

// The dashboard's state of one charger (web/src/live/charger-view.ts): events applied as
// states, by seq, so that a replay overlapping the live stream changes nothing twice.

const snapshot = (o: Partial<ChargerSnapshot> = {}): ChargerSnapshot => ({
  id: 'CP1',
  online: true,
  lastSeenAt: null,
  vendor: 'ACME',
  model: 'X1',
  firmwareVersion: null,
  connectorCount: 1,
  connectors: [
    {
      connectorId: 1,
      type: 'Type2',
      maxPowerW: 22000,
      maxCurrentA: 32,
      status: 'Available',
      errorCode: 'NoError',
      powerW: 0,
      energyWh: null,
      transaction: null,
    },
  ],
  seq: 10,
  ...o,
});

const event = (seq: number, name: string, data: Record<string, unknown>): EventMessage => ({
  type: 'event',
  chargePointId: 'CP1',
  event: name,
  seq,
  at: '2026-12-02T07:00:00.000Z',
  data,
});

const T0 = Date.parse('2026-12-02T07:00:00.000Z');
const start = (): ChargerView => fromSnapshot(snapshot(), 10, undefined, 'Subscribed', T0);
const connector1 = (v: ChargerView) => v.snapshot.connectors[0];

describe('charger view', () => {
  it('applies an event and takes its seq', () => {
    const v = applyEvent(
      start(),
      event(11, 'ConnectorStatusChanged', {
        connectorId: 1,
        status: 'Charging',
        errorCode: 'NoError',
      }),
      T0,
    );
    expect(v.seq).toBe(11);
    expect(connector1(v).status).toBe('Charging');
    expect(v.log[0]).toMatchObject({ seq: 11, text: 'Connector 1: Charging' });
  });

  it('ignores an event at or below the seq it holds (a replay overlapping the stream)', () => {
    const charging = event(11, 'ConnectorStatusChanged', {
      connectorId: 1,
      status: 'Charging',
      errorCode: 'NoError',
    });
    const once = applyEvent(start(), charging, T0);
    const older = applyEvent(
      once,
      event(10, 'ConnectorStatusChanged', { connectorId: 1, status: 'Faulted', errorCode: 'X' }),
      T0,
    );
    expect(applyEvent(once, charging, T0)).toBe(once);
    expect(older).toBe(once);
  });

  it('runs a transaction: started, metered, stopped', () => {
    let v = applyEvent(
      start(),
      event(11, 'TransactionStarted', {
        transactionId: 7,
        connectorId: 1,
        idTag: null,
        meterStartWh: 100,
        startedAt: '2026-12-02T07:00:00.000Z',
      }),
      T0,
    );
    expect(connector1(v).transaction).toMatchObject({ id: 7, idTag: null, meterStartWh: 100 });
    v = applyEvent(
      v,
      event(12, 'MeterValues', {
        connectorId: 1,
        transactionId: 7,
        powerW: 7200,
        energyWh: 1530,
        sampledAt: '2026-12-02T07:00:01.000Z',
      }),
      T0 + 1000,
    );
    expect(connector1(v)).toMatchObject({ powerW: 7200, energyWh: 1530 });
    expect(v.power[1].at(-1)).toEqual({ at: T0 + 1000, powerW: 7200 });
    v = applyEvent(
      v,
      event(13, 'TransactionStopped', {
        transactionId: 7,
        connectorId: 1,
        meterStopWh: 1630,
        energyWh: 1530,
        stoppedAt: '2026-12-02T07:10:00.000Z',
        reason: 'Remote',
      }),
      T0 + 2000,
    );
    expect(connector1(v)).toMatchObject({ transaction: null, powerW: 0, energyWh: null });
  });

  it('keeps a newer transaction when an older one is reported stopped', () => {
    const running = applyEvent(
      start(),
      event(11, 'TransactionStarted', {
        transactionId: 8,
        connectorId: 1,
        idTag: 'T',
        meterStartWh: 0,
        startedAt: '2026-12-02T07:00:00.000Z',
      }),
      T0,
    );
    const v = applyEvent(
      running,
      event(12, 'TransactionStopped', {
        transactionId: 7,
        connectorId: 1,
        meterStopWh: 5,
        energyWh: 5,
        stoppedAt: '2026-12-02T07:00:00.000Z',
        reason: 'Local',
      }),
      T0,
    );
    expect(connector1(v).transaction?.id).toBe(8);
  });

  it('learns connectors it did not know from status and boot events', () => {
    const v = applyEvent(
      start(),
      event(11, 'ConnectorStatusChanged', {
        connectorId: 2,
        status: 'Faulted',
        errorCode: 'GroundFailure',
      }),
      T0,
    );
    expect(v.snapshot.connectors.map((c) => [c.connectorId, c.status])).toEqual([
      [1, 'Available'],
      [2, 'Faulted'],
    ]);
    const station = applyEvent(
      v,
      event(12, 'ConnectorStatusChanged', {
        connectorId: 0,
        status: 'Unavailable',
        errorCode: 'NoError',
      }),
      T0,
    );
    expect(station.stationStatus).toBe('Unavailable');
    expect(station.snapshot.connectors).toHaveLength(2);
  });

  it("follows a command's lifecycle: sent, then the charger's answer", () => {
    const sent = event(11, 'CommandSent', { commandId: 'c1', command: 'reset', requestedBy: 'u' });
    const done = event(12, 'CommandCompleted', {
      commandId: 'c1',
      command: 'reset',
      status: 'Rejected',
    });
    const afterSent = applyEvent(start(), sent, T0);
    expect(afterSent.commands).toEqual([{ commandId: 'c1', command: 'reset', status: 'Sent' }]);
    const inOrder = applyEvent(afterSent, done, T0);
    expect(inOrder.commands).toEqual([{ commandId: 'c1', command: 'reset', status: 'Rejected' }]);
  });

  it('replaces the state on a fresh snapshot (resync) and keeps the history', () => {
    const v = applyEvent(
      start(),
      event(11, 'MeterValues', {
        connectorId: 1,
        transactionId: null,
        powerW: 3000,
        energyWh: null,
        sampledAt: '2026-12-02T07:00:00.000Z',
      }),
      T0,
    );
    const fresh = fromSnapshot(snapshot({ online: false, seq: 57 }), 57, v, 'Resynced', T0 + 1000);
    expect(fresh.seq).toBe(57);
    expect(fresh.snapshot.online).toBe(false);
    expect(fresh.log.map((l) => l.text).slice(0, 2)).toEqual(['Resynced', 'Connector 1: 3.0 kW']);
    expect(fresh.power[1].map((p) => p.powerW)).toEqual([0, 3000, 0]);
  });

  it('keeps 15 minutes of power readings', () => {
    const reading = (seq: number, at: number) =>
      event(seq, 'MeterValues', {
        connectorId: 1,
        transactionId: null,
        powerW: seq,
        energyWh: null,
        sampledAt: new Date(at).toISOString(),
      });
    let v = applyEvent(start(), reading(11, T0), T0);
    v = applyEvent(v, reading(12, T0 + POWER_WINDOW_MS / 2), T0 + POWER_WINDOW_MS / 2);
    v = applyEvent(v, reading(13, T0 + POWER_WINDOW_MS + 1), T0 + POWER_WINDOW_MS + 1);
    expect(v.power[1].map((p) => p.powerW)).toEqual([12, 13]);
  });
});
