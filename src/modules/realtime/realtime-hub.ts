import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import { GetChargePointAccessQuery } from '../../common/contracts/access.js';
import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { GetSnapshotsQuery } from '../../common/contracts/snapshots.js';
import type { RealtimeConfig } from '../../config/index.js';
import { MeterCoalescer } from './meter-coalescer.js';
import { CLOSE } from './realtime-protocol.js';
import { RecentEvents } from './recent-events.js';
import { SessionRegistry } from './session-registry.js';
import type { EventFrames, Subscription, UserSession } from './user-session.js';

// Subscriptions and fan-out. A fresh subscribe registers the session first (events queue),
// then reads the snapshot, sends it with its seq, and flushes the queued events after that seq:
// no event is lost or doubled between snapshot and stream.
@Injectable()
export class RealtimeHub implements OnModuleInit, OnModuleDestroy {
  private readonly config: RealtimeConfig;
  private readonly coalescer: MeterCoalescer;
  private readonly recent: RecentEvents;
  private readonly lagging = new Set<UserSession>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly registry: SessionRegistry,
    private readonly queries: QueryBus,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RealtimeConfig>('realtime');
    this.coalescer = new MeterCoalescer(this.config.meterIntervalMs, (e) => this.deliver(e));
    this.recent = new RecentEvents(this.config.resumeBuffer, this.config.resumeWindowMs);
  }

  onModuleInit(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(200, () => this.resyncDrained());
    every(Math.min(5000, Math.max(250, this.config.idleTimeoutMs / 4)), () => this.checkIdle());
    every(30_000, () => {
      this.recent.sweep((id) => this.registry.isWatched(id));
      this.coalescer.sweep();
    });
  }

  onModuleDestroy(): void {
    this.timers.forEach(clearInterval);
    this.coalescer.close();
  }

  /** Every published charger event enters here. */
  publish(event: ChargePointEvent): void {
    this.coalescer.offer(event);
  }

  async subscribe(
    session: UserSession,
    chargePointId: string,
    sinceSeq?: number,
    id?: string,
  ): Promise<void> {
    const already = session.subscriptions.has(chargePointId);
    if (!already && session.subscriptions.size >= this.config.maxSubscriptions) {
      return session.send({
        type: 'error',
        code: 'too_many_subscriptions',
        message: `At most ${this.config.maxSubscriptions} subscriptions per session`,
        ...(id ? { id } : {}),
      });
    }
    const access = await this.queries.execute(
      new GetChargePointAccessQuery(session.viewer, chargePointId),
    );
    if (!session.open) return;
    if (!access) {
      return session.send({
        type: 'error',
        code: 'not_found',
        message: `Charge point ${chargePointId} not found`,
        ...(id ? { id } : {}),
      });
    }
    const replay = sinceSeq === undefined ? null : this.recent.since(chargePointId, sinceSeq);
    if (replay && sinceSeq !== undefined) {
      const sub: Subscription = { access, phase: 'live', queue: [] };
      session.subscriptions.set(chargePointId, sub);
      this.registry.watch(session, chargePointId);
      session.send({
        type: 'subscribed',
        chargePointId,
        snapshot: null,
        resumedFrom: sinceSeq,
        seq: replay.at(-1)?.seq ?? sinceSeq,
        ...(id ? { id } : {}),
      });
      for (const event of replay) session.deliver(chargePointId, event, frames(event));
      return;
    }
    const sub: Subscription = { access, phase: 'pending', queue: [] };
    session.subscriptions.set(chargePointId, sub);
    this.registry.watch(session, chargePointId);
    await this.sendSnapshot(session, chargePointId, sub, 'subscribed', id);
  }

  unsubscribe(
    session: UserSession,
    chargePointId: string,
    reason: 'requested' | 'access_revoked',
    id?: string,
  ): void {
    this.registry.unwatch(session, chargePointId);
    session.send({ type: 'unsubscribed', chargePointId, reason, ...(id ? { id } : {}) });
  }

  /** Re-asks the access question for a user's sessions on one charger; ends those that lost it. */
  async recheckAccess(userId: string, chargePointId: string): Promise<void> {
    for (const session of this.registry.ofUser(userId)) {
      if (!session.subscriptions.has(chargePointId)) continue;
      const access = await this.queries.execute(
        new GetChargePointAccessQuery(session.viewer, chargePointId),
      );
      const sub = session.subscriptions.get(chargePointId);
      if (!access) this.unsubscribe(session, chargePointId, 'access_revoked');
      else if (sub) sub.access = access;
    }
  }

  dropSession(session: UserSession): void {
    this.lagging.delete(session);
    this.registry.remove(session);
  }

  private deliver(event: ChargePointEvent): void {
    this.recent.append(event);
    const watchers = this.registry.watchers(event.chargePointId);
    if (watchers.size === 0) return;
    const f = frames(event);
    for (const session of watchers) {
      if (!session.deliver(event.chargePointId, event, f)) this.lag(session);
    }
  }

  // Past the soft limit a session stops receiving events; once its buffer drains it gets one
  // `resync` (a fresh snapshot) per charger instead of what it missed.
  private lag(session: UserSession): void {
    for (const sub of session.subscriptions.values())
      if (sub.phase === 'live') sub.phase = 'lagging';
    this.lagging.add(session);
  }

  private resyncDrained(): void {
    for (const session of this.lagging) {
      if (!session.open) {
        this.lagging.delete(session);
        continue;
      }
      if (session.socket.bufferedAmount > this.config.sendBufferSoftBytes / 2) continue;
      this.lagging.delete(session);
      for (const [chargePointId, sub] of session.subscriptions) {
        if (sub.phase !== 'lagging') continue;
        sub.phase = 'pending';
        sub.queue = [];
        void this.sendSnapshot(session, chargePointId, sub, 'resync');
      }
    }
  }

  private async sendSnapshot(
    session: UserSession,
    chargePointId: string,
    sub: Subscription,
    type: 'subscribed' | 'resync',
    id?: string,
  ): Promise<void> {
    const [snapshot] = await this.queries.execute(
      new GetSnapshotsQuery(session.viewer, [chargePointId]),
    );
    // the session closed, unsubscribed or subscribed anew meanwhile: this reply is moot
    if (!session.open || session.subscriptions.get(chargePointId) !== sub) return;
    if (!snapshot) {
      this.unsubscribe(session, chargePointId, 'access_revoked');
      return;
    }
    session.send({ type, chargePointId, snapshot, seq: snapshot.seq, ...(id ? { id } : {}) });
    sub.phase = 'live';
    const queued = sub.queue;
    sub.queue = [];
    for (const event of queued) {
      if (event.seq > snapshot.seq && !session.deliver(chargePointId, event, frames(event))) {
        this.lag(session);
        break;
      }
    }
  }

  private checkIdle(): void {
    const now = Date.now();
    for (const session of this.registry.all()) {
      const idle = now - session.lastActivityAt;
      if (idle > this.config.idleTimeoutMs) session.close(CLOSE.IDLE, 'idle timeout');
      else if (idle > this.config.idleTimeoutMs / 2 && session.open) session.socket.ping();
    }
  }
}

/** The event's frame, serialised once; the variant without idTag only when someone needs it. */
function frames(event: ChargePointEvent): EventFrames {
  const message = {
    type: 'event',
    chargePointId: event.chargePointId,
    event: event.name,
    seq: event.seq,
    at: event.at,
  };
  const full = JSON.stringify({ ...message, data: event.data });
  let masked: string | undefined;
  return {
    full,
    masked: () => {
      if (!('idTag' in (event.data as object))) return full;
      masked ??= JSON.stringify({ ...message, data: { ...event.data, idTag: null } });
      return masked;
    },
  };
}
