import { CLOSE } from './realtime-protocol.js';
import { SlowSessions } from './slow-sessions.js';
import type { Subscription, UserSession } from './user-session.js';

const LIMITS = { sendBufferSoftBytes: 1000, sendBufferHardBytes: 4000, lagTimeoutMs: 10_000 };

function aSession(pendingBytes: number) {
  const closed: Array<[number, string]> = [];
  const subscriptions = new Map<string, Subscription>([
    ['CP1', { access: 'owner', phase: 'live', queue: [] }],
    ['CP2', { access: 'owner', phase: 'pending', queue: [] }],
  ]);
  const session = {
    open: true,
    pendingBytes,
    backlogBytes: 123,
    subscriptions,
    close: (code: number, reason: string) => void closed.push([code, reason]),
  };
  return { session, closed, asSession: session as unknown as UserSession };
}

describe('SlowSessions', () => {
  it('makes a lagging session skip its live subscriptions, not its pending ones', () => {
    const { session, asSession } = aSession(2000);
    new SlowSessions(LIMITS).lag(asSession, 0);
    expect(session.subscriptions.get('CP1')?.phase).toBe('lagging');
    expect(session.subscriptions.get('CP2')?.phase).toBe('pending');
  });

  it('is due a resync once its buffer drained below half the soft limit, and only then', () => {
    const { session, asSession } = aSession(2000);
    const slow = new SlowSessions(LIMITS);
    slow.lag(asSession, 0);
    expect(slow.sweep(100)).toEqual([]);
    session.pendingBytes = 600; // under the soft limit, not under half of it
    expect(slow.sweep(200)).toEqual([]);
    session.pendingBytes = 400;
    expect(slow.sweep(300)).toEqual([asSession]);
    expect(session.backlogBytes).toBe(0);
    expect(slow.sweep(400)).toEqual([]); // once
  });

  it('closes with 1013 past the hard limit, or when it lags for too long', () => {
    const over = aSession(5000);
    const stuck = aSession(2000);
    const slow = new SlowSessions(LIMITS);
    slow.lag(over.asSession, 0);
    slow.lag(stuck.asSession, 0);
    expect(slow.sweep(5000)).toEqual([]);
    expect(over.closed).toEqual([[CLOSE.TRY_AGAIN_LATER, 'too slow: could not keep up']]);
    expect(stuck.closed).toEqual([]);
    slow.sweep(10_001);
    expect(stuck.closed).toHaveLength(1);
  });

  it('forgets sessions that closed or were dropped', () => {
    const { session, asSession, closed } = aSession(5000);
    const slow = new SlowSessions(LIMITS);
    slow.lag(asSession, 0);
    slow.forget(asSession);
    slow.sweep(1);
    expect(closed).toEqual([]);
    slow.lag(asSession, 0);
    session.open = false;
    slow.sweep(1);
    expect(closed).toEqual([]);
  });
});
