import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RedisConfig } from '../../../config/index.js';
import { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import { RedisEventTransport } from '../../../infrastructure/event-bus/redis-event-transport.js';

// Which instance holds each charger. With Redis: a key per charger with a TTL, refreshed while
// connected, so that a dead instance's chargers can be told apart (their keys run out). Alone
// (no Redis), this process is the only holder and the start-up sweep covers a crash.
@Injectable()
export class ChargerPresence {
  private readonly logger = new Logger('Presence');
  private readonly redis?: RedisEventTransport;
  private readonly ttlS: number;

  constructor(
    readonly transport: EventTransport,
    config: ConfigService,
  ) {
    this.ttlS = config.getOrThrow<RedisConfig>('redis').presenceTtlS;
    if (transport instanceof RedisEventTransport) this.redis = transport;
  }

  get shared(): boolean {
    return this.redis !== undefined;
  }

  get ttlMs(): number {
    return this.ttlS * 1000;
  }

  get refreshEveryMs(): number {
    return Math.max(1000, Math.floor((this.ttlS * 1000) / 3));
  }

  private key(chargePointId: string): string {
    return `${this.redis?.keyPrefix}presence:${chargePointId}`;
  }

  /** Takes the charger for this instance; returns the instance that held it before, if any. */
  async claim(chargePointId: string): Promise<string | null> {
    if (!this.redis) return null;
    try {
      const previous = await this.redis.redis.set(
        this.key(chargePointId),
        this.transport.instanceId,
        'EX',
        this.ttlS,
        'GET',
      );
      return previous;
    } catch (err) {
      this.logger.warn(`presence of ${chargePointId} not recorded: ${(err as Error).message}`);
      return null;
    }
  }

  /** The instance that holds the charger now, or null (none, or unknown while Redis is away). */
  async holder(chargePointId: string): Promise<string | null> {
    if (!this.redis) return null;
    try {
      return await this.redis.redis.get(this.key(chargePointId));
    } catch {
      return null;
    }
  }

  /** Releases the charger if this instance still holds it (a newer holder keeps its key). */
  async release(chargePointId: string): Promise<void> {
    if (!this.redis) return;
    const script =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    await this.redis.redis
      .eval(script, 1, this.key(chargePointId), this.transport.instanceId)
      .catch(() => undefined);
  }

  async refresh(chargePointIds: string[]): Promise<void> {
    if (!this.redis || chargePointIds.length === 0) return;
    const pipeline = this.redis.redis.pipeline();
    for (const id of chargePointIds)
      pipeline.set(this.key(id), this.transport.instanceId, 'EX', this.ttlS);
    await pipeline.exec().catch(() => undefined);
  }

  /** Of these chargers, the ones nobody holds; null when that cannot be known now (Redis away). */
  async unheld(chargePointIds: string[]): Promise<string[] | null> {
    if (!this.redis || chargePointIds.length === 0) return this.redis ? [] : null;
    try {
      const holders = await this.redis.redis.mget(chargePointIds.map((id) => this.key(id)));
      return chargePointIds.filter((_, i) => holders[i] === null);
    } catch {
      return null;
    }
  }
}
