import { type AccessLevel, seesPersonalData } from '../../common/contracts/access.js';
import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import type { Viewer } from '../../common/contracts/users.js';
import { CLOSE, type ServerMessage } from './realtime-protocol.js';
import type { FrameMeta, SessionChannel } from './session-channel.js';

export type Phase = 'pending' | 'live' | 'lagging';

/** One charger this session follows. */
export interface Subscription {
  access: AccessLevel;
  /** pending: waiting for its snapshot, events queued; lagging: skipping until a resync */
  phase: Phase;
  queue: ChargePointEvent[];
  /** the client has been told it is subscribed (`subscribed` sent) */
  announced?: boolean;
  /** the id of the subscribe request still waiting for its reply */
  requestId?: string;
}

export interface SessionLimits {
  sendBufferSoftBytes: number;
  sendBufferHardBytes: number;
  ratePer10s: number;
}

/** An event serialised once per audience: with idTag (owners, admins) and without. */
export interface EventFrames {
  full: string;
  masked: () => string;
}

// One user session, on whichever channel (WebSocket, SSE, MQTT): who it is, what it follows,
// and how much it may send and receive.
export class UserSession {
  readonly subscriptions = new Map<string, Subscription>();
  lastActivityAt = Date.now();
  /** bytes of events skipped while lagging: what the send buffer would hold had they been sent */
  backlogBytes = 0;
  expiryTimer?: NodeJS.Timeout;
  /** the user's token version the session's token was issued under (see UserTokensRevoked) */
  tokenVersion = 0;
  /** whether remembered interests (POST /api/v1/subscriptions) come and go with this session */
  followsRemembered = true;
  private windowStart = Date.now();
  private windowCount = 0;

  constructor(
    readonly id: number,
    readonly channel: SessionChannel,
    public viewer: Viewer & { username: string },
    public expiresAt: number,
    private readonly limits: SessionLimits,
  ) {}

  get open(): boolean {
    return this.channel.open;
  }

  /** Bytes the client has not taken yet (the channel's send buffer). */
  get pendingBytes(): number {
    return this.channel.pendingBytes;
  }

  send(message: ServerMessage): void {
    const meta: FrameMeta = { type: message.type };
    if ('chargePointId' in message) meta.chargePointId = message.chargePointId;
    if ('seq' in message) meta.seq = message.seq;
    this.sendRaw(JSON.stringify(message), meta);
  }

  /**
   * Delivers one event of a charger this session follows, as its phase says. Returns false
   * when the send buffer passed the soft limit: the caller turns the session to lagging.
   */
  deliver(chargePointId: string, event: ChargePointEvent, frames: EventFrames): boolean {
    const sub = this.subscriptions.get(chargePointId);
    if (!sub) return true;
    if (sub.phase === 'pending') {
      sub.queue.push(event);
      return true;
    }
    if (sub.phase === 'lagging' || this.pendingBytes > this.limits.sendBufferSoftBytes) {
      // a client that does not read must not grow our memory without bound: past the hard
      // limit (counting what it skipped) it is closed
      this.backlogBytes += frames.full.length;
      if (this.pendingBytes + this.backlogBytes > this.limits.sendBufferHardBytes) {
        this.close(CLOSE.TRY_AGAIN_LATER, 'too slow: could not keep up');
      }
      return sub.phase === 'lagging';
    }
    const frame = seesPersonalData(sub.access) ? frames.full : frames.masked();
    this.sendRaw(frame, { type: 'event', chargePointId, seq: event.seq });
    return true;
  }

  /** Counts one inbound message: 'ok', 'limited' (answer rate_limited) or 'abusive' (close). */
  countMessage(now = Date.now()): 'ok' | 'limited' | 'abusive' {
    this.lastActivityAt = now;
    if (now - this.windowStart >= 10_000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    if (this.windowCount > 2 * this.limits.ratePer10s) return 'abusive';
    return this.windowCount > this.limits.ratePer10s ? 'limited' : 'ok';
  }

  private sendRaw(frame: string, meta: FrameMeta): void {
    if (!this.open) return;
    if (this.pendingBytes > this.limits.sendBufferHardBytes) {
      // a client that does not read must not grow our memory without bound
      this.close(CLOSE.TRY_AGAIN_LATER, 'too slow: send buffer full');
      return;
    }
    this.channel.send(frame, meta);
  }

  close(code: number, reason: string): void {
    this.channel.close(code, reason);
  }
}
