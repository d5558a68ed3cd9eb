import { jest } from '@jest/globals';
import type WebSocket from 'ws';
import { WsSessionChannel } from './ws/ws-session-channel.js';
import type { AccessLevel } from '../../common/contracts/access.js';
import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { CLOSE } from './realtime-protocol.js';
import { type EventFrames, type SessionLimits, UserSession } from './user-session.js';

const LIMITS: SessionLimits = {
  sendBufferSoftBytes: 1000,
  sendBufferHardBytes: 5000,
  ratePer10s: 3,
};

// The part of a ws socket the session (through its ws channel) uses.
function aSocket(overrides: Partial<{ readyState: number; bufferedAmount: number }> = {}) {
  return {
    readyState: 1,
    OPEN: 1,
    CLOSING: 2,
    CLOSED: 3,
    bufferedAmount: 0,
    send: jest.fn<(data: string) => void>(),
    close: jest.fn<(code?: number, reason?: string) => void>(),
    terminate: jest.fn<() => void>(),
    ping: jest.fn<() => void>(),
    ...overrides,
  };
}
type FakeSocket = ReturnType<typeof aSocket>;

function aSession(socket: FakeSocket, limits: SessionLimits = LIMITS): UserSession {
  return new UserSession(
    1,
    new WsSessionChannel(socket as unknown as WebSocket),
    { id: 'u1', role: 'user', username: 'alice' },
    Date.now() + 3_600_000,
    limits,
  );
}

function aTransactionStarted(seq = 5): ChargePointEvent<'TransactionStarted'> {
  return new ChargePointEvent('CP_1', 'TransactionStarted', seq, '2026-11-25T10:00:00.000Z', {
    transactionId: 17,
    connectorId: 1,
    idTag: 'TAG1',
    meterStartWh: 0,
    startedAt: '2026-11-25T10:00:00.000Z',
  });
}

function someFrames(): EventFrames & { masked: jest.Mock<() => string> } {
  return { full: 'FULL', masked: jest.fn(() => 'MASKED') };
}

function follow(
  session: UserSession,
  phase: 'pending' | 'live' | 'lagging',
  access: AccessLevel = 'owner',
  chargePointId = 'CP_1',
) {
  const sub = { access, phase, queue: [] as ChargePointEvent[] };
  session.subscriptions.set(chargePointId, sub);
  return sub;
}

describe('UserSession', () => {
  let socket: FakeSocket;
  let session: UserSession;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-25T10:00:00.000Z') });
    socket = aSocket();
    session = aSession(socket);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('deliver', () => {
    it('does nothing for a charger the session does not follow', () => {
      expect(session.deliver('CP_1', aTransactionStarted(), someFrames())).toBe(true);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('queues the event while the subscription waits for its snapshot', () => {
      const sub = follow(session, 'pending');
      const first = aTransactionStarted(5);
      const second = aTransactionStarted(6);

      expect(session.deliver('CP_1', first, someFrames())).toBe(true);
      expect(session.deliver('CP_1', second, someFrames())).toBe(true);

      expect(sub.queue).toEqual([first, second]);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it('drops the event while the subscription is lagging', () => {
      const sub = follow(session, 'lagging');

      expect(session.deliver('CP_1', aTransactionStarted(), someFrames())).toBe(true);

      expect(sub.queue).toEqual([]);
      expect(socket.send).not.toHaveBeenCalled();
    });

    it.each<AccessLevel>(['owner', 'admin'])('sends the full frame to an %s', (access) => {
      follow(session, 'live', access);
      const frames = someFrames();

      expect(session.deliver('CP_1', aTransactionStarted(), frames)).toBe(true);

      expect(socket.send.mock.calls).toEqual([['FULL']]);
      expect(frames.masked).not.toHaveBeenCalled();
    });

    it('sends the masked frame to a grantee', () => {
      follow(session, 'live', 'grantee');

      expect(session.deliver('CP_1', aTransactionStarted(), someFrames())).toBe(true);

      expect(socket.send.mock.calls).toEqual([['MASKED']]);
    });

    it('uses the access of the subscription for that charger', () => {
      follow(session, 'live', 'grantee', 'CP_GRANTED');
      follow(session, 'live', 'owner', 'CP_OWNED');

      session.deliver('CP_OWNED', aTransactionStarted(), someFrames());
      session.deliver('CP_GRANTED', aTransactionStarted(), someFrames());

      expect(socket.send.mock.calls).toEqual([['FULL'], ['MASKED']]);
    });

    it('sends up to the soft limit', () => {
      follow(session, 'live');
      socket.bufferedAmount = LIMITS.sendBufferSoftBytes;

      expect(session.deliver('CP_1', aTransactionStarted(), someFrames())).toBe(true);

      expect(socket.send).toHaveBeenCalledTimes(1);
    });

    it('returns false past the soft limit, without sending or closing', () => {
      follow(session, 'live');
      socket.bufferedAmount = LIMITS.sendBufferSoftBytes + 1;

      expect(session.deliver('CP_1', aTransactionStarted(), someFrames())).toBe(false);

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('sends nothing on a socket that is no longer open', () => {
      follow(session, 'live');
      socket.readyState = socket.CLOSING;

      session.deliver('CP_1', aTransactionStarted(), someFrames());

      expect(socket.send).not.toHaveBeenCalled();
    });
  });

  describe('send', () => {
    it('sends the message as JSON', () => {
      session.send({ type: 'pong', id: '1' });

      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(JSON.parse(socket.send.mock.calls[0][0])).toEqual({ type: 'pong', id: '1' });
    });

    it('sends past the soft limit, up to the hard limit', () => {
      socket.bufferedAmount = LIMITS.sendBufferHardBytes;

      session.send({ type: 'pong' });

      expect(socket.send).toHaveBeenCalledTimes(1);
      expect(socket.close).not.toHaveBeenCalled();
    });

    it('closes with 1013 and does not send past the hard limit', () => {
      socket.bufferedAmount = LIMITS.sendBufferHardBytes + 1;

      session.send({ type: 'pong' });

      expect(socket.send).not.toHaveBeenCalled();
      expect(socket.close).toHaveBeenCalledTimes(1);
      expect(socket.close.mock.calls[0][0]).toBe(1013);
      expect(socket.close.mock.calls[0][1]).toEqual(expect.any(String));
    });

    it('sends nothing on a socket that is not open', () => {
      for (const readyState of [0, 2, 3]) {
        socket.readyState = readyState;
        session.send({ type: 'pong' });
      }

      expect(socket.send).not.toHaveBeenCalled();
      expect(session.open).toBe(false);
    });

    it('reports open only while the socket is OPEN', () => {
      expect(session.open).toBe(true);
      socket.readyState = socket.CLOSING;
      expect(session.open).toBe(false);
    });
  });

  describe('countMessage', () => {
    it('is ok up to the rate, limited past it, abusive past twice the rate', () => {
      const t = Date.now();
      const results = Array.from({ length: 7 }, (_, i) => session.countMessage(t + i));

      expect(results).toEqual(['ok', 'ok', 'ok', 'limited', 'limited', 'limited', 'abusive']);
    });

    it('starts a new window 10 s after the last one started', () => {
      const t = Date.now();
      for (let i = 0; i < 4; i++) session.countMessage(t);

      expect(session.countMessage(t + 9_999)).toBe('limited');
      expect(session.countMessage(t + 10_000)).toBe('ok');
      expect(session.countMessage(t + 10_001)).toBe('ok');
      expect(session.countMessage(t + 10_002)).toBe('ok');
      expect(session.countMessage(t + 10_003)).toBe('limited');
    });

    it('measures the first window from when the session opened (the default clock)', () => {
      for (let i = 0; i < 3; i++) expect(session.countMessage()).toBe('ok');
      jest.advanceTimersByTime(9_999);
      expect(session.countMessage()).toBe('limited');

      jest.advanceTimersByTime(1);
      expect(session.countMessage()).toBe('ok');
    });

    it('records the time of the last message', () => {
      const t = Date.now() + 1234;

      session.countMessage(t);

      expect(session.lastActivityAt).toBe(t);
    });

    it('records the activity of a client even while it is rate limited', () => {
      const t = Date.now();
      for (let i = 0; i < 10; i++) session.countMessage(t);

      session.countMessage(t + 500);

      expect(session.lastActivityAt).toBe(t + 500);
    });
  });

  describe('close', () => {
    it('closes with the code and reason, then terminates 2 s later', () => {
      session.close(CLOSE.IDLE, 'idle timeout');

      expect(socket.close.mock.calls).toEqual([[4408, 'idle timeout']]);
      expect(socket.terminate).not.toHaveBeenCalled();

      jest.advanceTimersByTime(1999);
      expect(socket.terminate).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(socket.terminate).toHaveBeenCalledTimes(1);
    });

    it('does nothing to a socket already closed', () => {
      socket.readyState = socket.CLOSED;

      session.close(CLOSE.IDLE, 'idle timeout');
      jest.advanceTimersByTime(5000);

      expect(socket.close).not.toHaveBeenCalled();
      expect(socket.terminate).not.toHaveBeenCalled();
    });

    it('terminates 2 s after closing for a full send buffer', () => {
      socket.bufferedAmount = LIMITS.sendBufferHardBytes + 1;

      session.send({ type: 'pong' });
      jest.advanceTimersByTime(2000);

      expect(socket.terminate).toHaveBeenCalledTimes(1);
    });
  });
});
