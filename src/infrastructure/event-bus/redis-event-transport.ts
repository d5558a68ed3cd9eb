import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type ChainableCommander, Redis } from 'ioredis';
import type { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import {
  type ClusterMessage,
  contiguousSince,
  deserialiseEvent,
  EventTransport,
  serialiseEvent,
} from './event-transport.js';

export interface RedisTransportOptions {
  url: string;
  keyPrefix: string;
  resumeBuffer: number;
  resumeWindowS: number;
  onError?: () => void;
}

// Redis pub/sub, one channel per charger: an instance subscribes only to the chargers its
// sessions watch, so its traffic follows its users, not the fleet. Each charger's recent events
// sit in a capped list for `sinceSeq` resume on any instance. Pub/sub is at-most-once: what is
// lost while Redis is away is covered by `seq` and a `resync` once it is back (onRecovered).
interface ChargePointEventsPending {
  pipeline: ChainableCommander;
  events: ChargePointEvent[];
}

export class RedisEventTransport extends EventTransport {
  readonly instanceId = randomUUID();
  private readonly logger = new Logger('RedisTransport');
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly eventListeners: Array<(e: ChargePointEvent) => void> = [];
  private readonly clusterListeners: Array<(m: ClusterMessage, from: string) => void> = [];
  private readonly recoveredListeners: Array<() => void> = [];
  private readonly control: string;
  /** this instance's own channel, for messages sent to it alone */
  private readonly inbox: string;
  private wasDown = false;
  private readonly subscribing = new Map<string, Promise<void>>();
  private outgoing?: ChargePointEventsPending;
  /** chargers whose events could not be sent: the other instances' watchers need a resync */
  private readonly unsent = new Set<string>();
  private unsentTimer?: NodeJS.Timeout;

  constructor(private readonly options: RedisTransportOptions) {
    super();
    const common = {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (n: number) => Math.min(n * 200, 2000),
    };
    // no offline queue for commands: an event published during an outage must not arrive late,
    // after newer ones; it is dropped (and counted) instead
    this.commands = new Redis(options.url, { ...common, enableOfflineQueue: false });
    this.subscriber = new Redis(options.url, {
      ...common,
      enableOfflineQueue: true,
      autoResubscribe: true,
    });
    this.control = `${options.keyPrefix}ctl`;
    this.inbox = `${options.keyPrefix}inst:${this.instanceId}`;
    for (const conn of [this.commands, this.subscriber]) {
      conn.on('error', (err: Error) => this.logger.debug?.(`Redis: ${err.message}`));
    }
    this.subscriber.on('close', () => {
      if (!this.wasDown)
        this.logger.warn('Redis connection lost: events stay local until it returns');
      this.wasDown = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.wasDown) return;
      this.wasDown = false;
      this.logger.log('Redis is back: watchers of remote chargers get a resync');
      for (const l of this.recoveredListeners) l();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message.toString()),
    );
    void this.subscriber.subscribe(this.control, this.inbox).catch(() => undefined);
  }

  private channel(chargePointId: string): string {
    return `${this.options.keyPrefix}cp:${chargePointId}`;
  }

  private recentKey(chargePointId: string): string {
    return `${this.options.keyPrefix}recent:${chargePointId}`;
  }

  // The events published in one turn of the event loop (a committed batch of units of work
  // publishes all of its events at once) go out as one MULTI: one write to Redis and one round
  // trip per batch, not per event. Their order, and so each charger's seq order, is kept.
  publish(event: ChargePointEvent): void {
    const payload = serialiseEvent(event, this.instanceId);
    if (!this.outgoing) {
      const pending = { pipeline: this.commands.multi(), events: [] as ChargePointEvent[] };
      this.outgoing = pending;
      process.nextTick(() => this.send(pending));
    }
    const { pipeline, events } = this.outgoing;
    events.push(event);
    pipeline.publish(this.channel(event.chargePointId), payload);
    if (this.options.resumeBuffer > 0) {
      const key = this.recentKey(event.chargePointId);
      pipeline
        .rpush(key, payload)
        .ltrim(key, -this.options.resumeBuffer, -1)
        .expire(key, Math.max(1, this.options.resumeWindowS));
    }
  }

  private send(pending: ChargePointEventsPending): void {
    if (this.outgoing === pending) this.outgoing = undefined;
    pending.pipeline.exec().catch((err: Error) => {
      this.options.onError?.();
      for (const e of pending.events) this.unsent.add(e.chargePointId);
      this.repairLater();
      const [first] = pending.events;
      const more = pending.events.length > 1 ? ` and ${pending.events.length - 1} more` : '';
      this.logger.warn(
        `event ${first.chargePointId}#${first.seq}${more} not sent to other instances: ${err.message}`,
      );
    });
  }

  async since(chargePointId: string, sinceSeq: number): Promise<ChargePointEvent[] | null> {
    try {
      const raw = await this.commands.lrange(this.recentKey(chargePointId), 0, -1);
      const held = raw.map((r) => deserialiseEvent(r).event).sort((a, b) => a.seq - b.seq);
      return contiguousSince(held, sinceSeq);
    } catch {
      this.options.onError?.();
      return null; // a fresh snapshot instead
    }
  }

  watch(chargePointId: string): void {
    const confirmed = this.subscriber
      .subscribe(this.channel(chargePointId))
      .then(() => undefined)
      .catch(() => this.options.onError?.()); // Redis away: local events only, resync on return
    this.subscribing.set(chargePointId, confirmed);
    void confirmed.then(() => {
      if (this.subscribing.get(chargePointId) === confirmed) this.subscribing.delete(chargePointId);
    });
  }

  // bounded: with Redis away the subscription waits for its return (and a resync then)
  async whenWatching(chargePointId: string): Promise<void> {
    const pending = this.subscribing.get(chargePointId);
    if (!pending) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([pending, new Promise((r) => (timer = setTimeout(r, 1000)))]);
    clearTimeout(timer);
  }

  unwatch(chargePointId: string): void {
    this.subscribing.delete(chargePointId);
    void this.subscriber
      .unsubscribe(this.channel(chargePointId))
      .catch(() => this.options.onError?.());
  }

  // A lost publish leaves a gap in those chargers' seq on the other instances, which nobody would
  // repair if this instance's connection never dropped (theirs see no outage): once Redis
  // answers again, they are told to resync those chargers' watchers.
  private repairLater(): void {
    if (this.unsentTimer) return;
    this.unsentTimer = setTimeout(() => {
      this.unsentTimer = undefined;
      const chargePointIds = [...this.unsent];
      if (chargePointIds.length === 0) return;
      const message = { kind: 'resync_chargers', chargePointIds };
      this.commands
        .publish(this.control, JSON.stringify({ o: this.instanceId, m: message }))
        .then(() => chargePointIds.forEach((id) => this.unsent.delete(id)))
        .catch(() => this.repairLater());
    }, 1000);
    this.unsentTimer.unref();
  }

  broadcast(message: ClusterMessage): void {
    this.commands
      .publish(this.control, JSON.stringify({ o: this.instanceId, m: message }))
      .catch((err: Error) => {
        this.options.onError?.();
        this.logger.warn(`cluster message ${message.kind} not sent: ${err.message}`);
      });
  }

  sendTo(instanceId: string, message: ClusterMessage): void {
    this.commands
      .publish(
        `${this.options.keyPrefix}inst:${instanceId}`,
        JSON.stringify({ o: this.instanceId, m: message }),
      )
      .catch((err: Error) => {
        this.options.onError?.();
        this.logger.warn(`cluster message ${message.kind} not sent: ${err.message}`);
      });
  }

  onRemoteEvent(listener: (event: ChargePointEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onClusterMessage(listener: (message: ClusterMessage, fromInstance: string) => void): void {
    this.clusterListeners.push(listener);
  }

  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  status(): 'up' | 'down' {
    return this.commands.status === 'ready' && this.subscriber.status === 'ready' ? 'up' : 'down';
  }

  private onMessage(channel: string, text: string): void {
    try {
      if (channel === this.control || channel === this.inbox) {
        const { o, m } = JSON.parse(text) as { o: string; m: ClusterMessage };
        if (o !== this.instanceId) for (const l of this.clusterListeners) l(m, o);
        return;
      }
      const { event, origin } = deserialiseEvent(text);
      if (origin === this.instanceId) return; // delivered locally already
      for (const l of this.eventListeners) l(event);
    } catch (err) {
      this.logger.warn(`unreadable message on ${channel}: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.unsentTimer);
    await Promise.allSettled([this.subscriber.quit(), this.commands.quit()]);
  }
}
