import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import { GetChargePointAccessQuery } from '../../common/contracts/access.js';
import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { GetSnapshotsQuery } from '../../common/contracts/snapshots.js';
import type { RealtimeConfig, SecurityConfig } from '../../config/index.js';
import { EventTransport } from '../../infrastructure/event-bus/event-transport.js';
import { Metrics } from '../../infrastructure/metrics/metrics.service.js';
import { MeterCoalescer } from './meter-coalescer.js';
import { CLOSE } from './realtime-protocol.js';
import { SlowSessions } from './slow-sessions.js';
import { SubscriptionAccess } from './subscription-access.js';
import { SessionRegistry } from './session-registry.js';
import type { EventFrames, Subscription, UserSession } from './user-session.js';

// Subscriptions and fan-out. A subscribe registers the session first (events queue), then reads
// the snapshot (or the held events after sinceSeq), sends it with its seq, and flushes the queued
// events after that seq: no event is lost or doubled between snapshot and stream.
@Injectable()
export class RealtimeHub implements OnModuleInit, OnModuleDestroy {
  private readonly config: RealtimeConfig;
  private readonly coalescer: MeterCoalescer;
  private readonly slow: SlowSessions;
  private timers: NodeJS.Timeout[] = [];
  private readonly accessRecheckMs: number;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly queries: QueryBus,
    private readonly transport: EventTransport,
    private readonly metrics: Metrics,
    private readonly access: SubscriptionAccess,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RealtimeConfig>('realtime');
    this.slow = new SlowSessions(this.config);
    this.accessRecheckMs = config.getOrThrow<SecurityConfig>('security').accessRecheckMs;
    this.coalescer = new MeterCoalescer(this.config.meterIntervalMs, (e) => this.deliver(e));
    transport.onRemoteEvent((e) => this.coalescer.offer(e));
    transport.onRecovered(() => this.resyncAll());
    // another instance could not publish some events: their watchers here start afresh
    transport.onClusterMessage((m) => {
      if (m.kind === 'resync_chargers') this.resyncChargers(m.chargePointIds as string[]);
    });
    metrics.onScrape(() => {
      const sessions = [...registry.all()];
      metrics.userSessions.set(sessions.length);
      metrics.subscriptions.set(sessions.reduce((n, s) => n + s.subscriptions.size, 0));
    });
  }

  onModuleInit(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(200, () => {
      for (const session of this.slow.sweep())
        this.resync(session, (sub) => sub.phase === 'lagging');
    });
    every(Math.min(5000, Math.max(250, this.config.idleTimeoutMs / 4)), () => this.checkIdle());
    every(30_000, () => this.coalescer.sweep());
    every(this.accessRecheckMs, () => void this.access.recheckAll());
  }

  onModuleDestroy(): void {
    this.timers.forEach(clearInterval);
    this.coalescer.close();
  }

  /** Every charger event published on this instance enters here; others' come from the transport. */
  publish(event: ChargePointEvent): void {
    this.metrics.eventsPublished.inc({ event: event.name });
    this.transport.publish(event);
    this.coalescer.offer(event);
  }

  async subscribe(
    session: UserSession,
    chargePointId: string,
    sinceSeq?: number,
    id?: string,
  ): Promise<void> {
    const echo = id ? { id } : {};
    const already = session.subscriptions.has(chargePointId);
    if (!already && session.subscriptions.size >= this.config.maxSubscriptions) {
      return session.send({
        type: 'error',
        code: 'too_many_subscriptions',
        message: `At most ${this.config.maxSubscriptions} subscriptions per session`,
        chargePointId,
        ...echo,
      });
    }
    const access = await this.queries.execute(
      new GetChargePointAccessQuery(session.viewer, chargePointId),
    );
    if (!session.open) return;
    if (!access) {
      const message = `Charge point ${chargePointId} not found`;
      return session.send({ type: 'error', code: 'not_found', message, chargePointId, ...echo });
    }
    const sub: Subscription = { access, phase: 'pending', queue: [], requestId: id };
    session.subscriptions.set(chargePointId, sub);
    this.registry.watch(session, chargePointId);
    // events from other instances must be flowing before the snapshot is read
    await this.transport.whenWatching(chargePointId);
    // a revocation handled between the first question and the registration found no
    // subscription to end: asked again now that it is registered
    if (!(await this.access.stillAllowed(session, chargePointId, sub))) return;
    // a grantee may not replay events from before the grant: a fresh snapshot instead
    const mayReplay = access === 'admin' || access === 'owner';
    if (
      sinceSeq !== undefined &&
      mayReplay &&
      (await this.resume(session, chargePointId, sub, sinceSeq, id))
    ) {
      return;
    }
    await this.sendSnapshot(session, chargePointId, sub, 'subscribed', id);
  }

  unsubscribe(
    session: UserSession,
    chargePointId: string,
    reason: 'requested' | 'access_revoked',
    id?: string,
  ): void {
    this.access.end(session, chargePointId, reason, id);
  }

  /** A grant was revoked: the user's sessions on that charger that lost it end. */
  recheckAccess(userId: string, chargePointId: string): Promise<void> {
    return this.access.recheck(userId, chargePointId);
  }

  dropSession(session: UserSession): void {
    this.slow.forget(session);
    this.registry.remove(session);
  }

  // Replays what the client missed, when every event after sinceSeq is still held.
  private async resume(
    session: UserSession,
    chargePointId: string,
    sub: Subscription,
    sinceSeq: number,
    id?: string,
  ): Promise<boolean> {
    const missed = await this.transport.since(chargePointId, sinceSeq);
    if (!missed) return false;
    if (!session.open || session.subscriptions.get(chargePointId) !== sub) return true;
    const seq = missed.at(-1)?.seq ?? sinceSeq;
    session.send({
      type: 'subscribed',
      chargePointId,
      snapshot: null,
      resumedFrom: sinceSeq,
      seq,
      ...(id ? { id } : {}),
    });
    this.goLive(
      session,
      chargePointId,
      sub,
      [...missed, ...sub.queue.filter((e) => e.seq > seq)],
      sinceSeq,
    );
    return true;
  }

  private async sendSnapshot(
    session: UserSession,
    chargePointId: string,
    sub: Subscription,
    type: 'subscribed' | 'resync',
    id?: string,
  ): Promise<void> {
    // a resync (after a Redis outage, a lag) asks the access again: a revocation may have been
    // lost meanwhile
    if (type === 'resync' && !(await this.access.stillAllowed(session, chargePointId, sub))) return;
    const [snapshot] = await this.queries.execute(
      new GetSnapshotsQuery(session.viewer, [chargePointId]),
    );
    // the session closed, unsubscribed or subscribed anew meanwhile: this reply is moot
    if (!session.open || session.subscriptions.get(chargePointId) !== sub) return;
    if (!snapshot) return this.unsubscribe(session, chargePointId, 'access_revoked');
    session.send({ type, chargePointId, snapshot, seq: snapshot.seq, ...(id ? { id } : {}) });
    this.goLive(session, chargePointId, sub, sub.queue, snapshot.seq);
  }

  /** Sends the waiting events after `afterSeq`, in order, then lets the stream flow. */
  private goLive(
    session: UserSession,
    chargePointId: string,
    sub: Subscription,
    waiting: ChargePointEvent[],
    afterSeq: number,
  ): void {
    sub.phase = 'live';
    sub.announced = true;
    sub.requestId = undefined;
    sub.queue = [];
    let last = afterSeq;
    for (const event of waiting) {
      if (event.seq <= last) continue; // a replayed event that also queued live
      last = event.seq;
      if (!session.deliver(chargePointId, event, frames(event))) {
        this.slow.lag(session);
        break;
      }
    }
  }

  private deliver(event: ChargePointEvent): void {
    const watchers = this.registry.watchers(event.chargePointId);
    if (watchers.size === 0) return;
    const f = frames(event);
    for (const session of watchers) {
      if (!session.deliver(event.chargePointId, event, f)) this.slow.lag(session);
    }
    this.metrics.eventsDelivered.inc(watchers.size);
    this.metrics.deliveryLatency.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
  }

  // The transport was away: events from other instances may have been lost meanwhile, so every
  // subscription starts again from a fresh snapshot.
  private resyncAll(): void {
    for (const session of this.registry.all())
      this.resync(session, (sub) => sub.phase !== 'pending');
  }

  private resyncChargers(chargePointIds: readonly string[]): void {
    const ids = new Set(chargePointIds);
    for (const session of this.registry.all())
      this.resync(session, (sub, id) => ids.has(id) && sub.phase !== 'pending');
  }

  private resync(
    session: UserSession,
    which: (sub: Subscription, chargePointId: string) => boolean,
  ): void {
    for (const [chargePointId, sub] of session.subscriptions) {
      if (!which(sub, chargePointId)) continue;
      sub.phase = 'pending';
      sub.queue = [];
      void this.sendSnapshot(session, chargePointId, sub, 'resync');
    }
  }

  private checkIdle(): void {
    const now = Date.now();
    for (const session of this.registry.all()) {
      if (!session.channel.idles) continue;
      const idle = now - session.lastActivityAt;
      if (idle > this.config.idleTimeoutMs) session.close(CLOSE.IDLE, 'idle timeout');
      else if (idle > this.config.idleTimeoutMs / 2 && session.open) session.channel.probe();
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
