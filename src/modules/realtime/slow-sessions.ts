import { CLOSE } from './realtime-protocol.js';
import type { UserSession } from './user-session.js';

export interface SlowSessionLimits {
  sendBufferSoftBytes: number;
  sendBufferHardBytes: number;
  lagTimeoutMs: number;
}

// Sessions past the soft limit of their send buffer stop receiving events (they lag). Once a
// lagging session's buffer has drained below half the soft limit it is due a resync (a fresh
// snapshot per charger instead of what it missed); past the hard limit, or lagging for longer
// than the lag timeout (a client that stopped reading), it is closed with 1013: it must not hold
// memory for ever.
export class SlowSessions {
  /** lagging sessions, and since when */
  private readonly lagging = new Map<UserSession, number>();

  constructor(private readonly limits: SlowSessionLimits) {}

  /** The session could not take an event: its live subscriptions skip until a resync. */
  lag(session: UserSession, now = Date.now()): void {
    for (const sub of session.subscriptions.values())
      if (sub.phase === 'live') sub.phase = 'lagging';
    if (!this.lagging.has(session)) this.lagging.set(session, now);
  }

  forget(session: UserSession): void {
    this.lagging.delete(session);
  }

  /** Closes the sessions that are too slow; returns those drained enough for their resync. */
  sweep(now = Date.now()): UserSession[] {
    const drained: UserSession[] = [];
    for (const [session, since] of this.lagging) {
      if (!session.open) {
        this.lagging.delete(session);
        continue;
      }
      const buffered = session.pendingBytes;
      if (buffered > this.limits.sendBufferHardBytes || now - since > this.limits.lagTimeoutMs) {
        this.lagging.delete(session);
        session.close(CLOSE.TRY_AGAIN_LATER, 'too slow: could not keep up');
        continue;
      }
      if (buffered > this.limits.sendBufferSoftBytes / 2) continue;
      this.lagging.delete(session);
      session.backlogBytes = 0;
      drained.push(session);
    }
    return drained;
  }
}
