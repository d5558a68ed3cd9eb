import { Redis } from 'ioredis';
import { PresenceStore } from './presence-store.js';

const RELEASE_IF_HELD =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

// Presence keys in Redis (`<prefix>presence:<id>` = the holding instance, with a TTL), on a
// connection of their own. No offline queue: while Redis is away an operation fails at once
// rather than landing late over a newer holder's key.
export class RedisPresenceStore extends PresenceStore {
  readonly shared = true;
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly keyPrefix: string,
  ) {
    super();
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (n: number) => Math.min(n * 200, 2000),
    });
    // reported by the event transport, which shares the server; the operations fail meanwhile
    this.redis.on('error', () => undefined);
  }

  private key(chargePointId: string): string {
    return `${this.keyPrefix}presence:${chargePointId}`;
  }

  claim(chargePointId: string, holder: string, ttlS: number): Promise<string | null> {
    return this.redis.set(this.key(chargePointId), holder, 'EX', ttlS, 'GET');
  }

  holder(chargePointId: string): Promise<string | null> {
    return this.redis.get(this.key(chargePointId));
  }

  async release(chargePointId: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_HELD, 1, this.key(chargePointId), holder);
  }

  async refresh(chargePointIds: readonly string[], holder: string, ttlS: number): Promise<void> {
    if (chargePointIds.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of chargePointIds) pipeline.set(this.key(id), holder, 'EX', ttlS);
    await pipeline.exec();
  }

  holders(chargePointIds: readonly string[]): Promise<(string | null)[]> {
    if (chargePointIds.length === 0) return Promise.resolve([]);
    return this.redis.mget(chargePointIds.map((id) => this.key(id)));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
