/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { LiveClient } from '../web/src/live/live-client.js';
import type { ChargerSnapshot } from '../web/src/live/types.js';

// The dashboard's /ws/users client (web/src/live/live-client.ts) against a scripted socket:
// resume with sinceSeq after a drop, replays applied once, revocation, expiry, pacing.

class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(msg: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const snapshot = (id: string, seq: number): ChargerSnapshot => ({
  id,
  online: true,
  lastSeenAt: null,
  vendor: null,
  model: null,
  firmwareVersion: null,
  connectorCount: 1,
  connectors: [
    {
      connectorId: 1,
      type: null,
      maxPowerW: null,
      maxCurrentA: null,
      status: 'Available',
      errorCode: 'NoError',
      powerW: 0,
      energyWh: null,
      transaction: null,
    },
  ],
  seq,
});

const status = (id: string, seq: number, value: string) => ({
  type: 'event',
  chargePointId: id,
  event: 'ConnectorStatusChanged',
  seq,
  at: '2026-12-02T07:00:00.000Z',
  data: { connectorId: 1, status: value, errorCode: 'NoError' },
});

describe('the dashboard live client', () => {
  let onExpired: jest.Mock<() => void>;
  let client: LiveClient;
  const last = () => FakeSocket.all[FakeSocket.all.length - 1];

  beforeEach(() => {
    jest.useFakeTimers();
    FakeSocket.all = [];
    (globalThis as Record<string, unknown>).WebSocket = FakeSocket;
    onExpired = jest.fn();
    client = new LiveClient({
      url: 'ws://x/ws/users',
      token: 'T',
      onExpired,
      checkToken: async () => true,
    });
  });
  afterEach(() => {
    client.stop();
    jest.useRealTimers();
  });

  it('resumes every charger from the last seq it applied, and applies a replay once', () => {
    client.follow(['A']);
    last().open();
    expect(last().sent).toEqual([{ action: 'subscribe', chargePointId: 'A', id: '1' }]);
    last().receive({
      type: 'subscribed',
      chargePointId: 'A',
      snapshot: snapshot('A', 5),
      seq: 5,
      id: '1',
    });
    last().receive(status('A', 6, 'Preparing'));

    last().drop(1006);
    expect(client.state).toBe('reconnecting');
    jest.advanceTimersByTime(1000);
    last().open();
    expect(last().sent).toEqual([
      { action: 'subscribe', chargePointId: 'A', id: '2', sinceSeq: 6 },
    ]);
    last().receive({
      type: 'subscribed',
      chargePointId: 'A',
      snapshot: null,
      resumedFrom: 6,
      seq: 7,
    });
    last().receive(status('A', 6, 'Faulted')); // already applied: ignored
    last().receive(status('A', 7, 'Charging'));
    const view = client.views.get('A');
    expect(view?.seq).toBe(7);
    expect(view?.snapshot.connectors[0].status).toBe('Charging');
    expect(client.lastResume).toBe('resumed from seq 6');
    expect(view?.log.filter((l) => l.seq !== null).map((l) => l.seq)).toEqual([7, 6, 5]);
  });

  it('drops a charger whose grant was revoked, and says so', () => {
    client.follow(['A']);
    last().open();
    last().receive({ type: 'subscribed', chargePointId: 'A', snapshot: snapshot('A', 1), seq: 1 });
    last().receive({ type: 'unsubscribed', chargePointId: 'A', reason: 'access_revoked' });
    expect(client.views.has('A')).toBe(false);
    expect(client.gone.has('A')).toBe(true);
    expect(client.notices.map((n) => n.text)).toEqual(['Your access to A was withdrawn.']);
  });

  it('hands over to the login when the session is closed for an expired token (4401)', () => {
    last().open();
    last().drop(4401);
    expect(onExpired).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1); // and does not reconnect on its own
  });

  it("stays under the server's rate limit when it follows many chargers", () => {
    const ids = Array.from({ length: 120 }, (_, i) => `CP${i}`);
    last().open();
    client.follow(ids);
    expect(last().sent).toHaveLength(80);
    jest.advanceTimersByTime(10_000);
    expect(last().sent).toHaveLength(120);
    expect(new Set(last().sent.map((m) => m.chargePointId)).size).toBe(120);
  });
});
