import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RealtimeConfig, RedisConfig } from '../../config/index.js';
import { Metrics } from '../metrics/metrics.service.js';
import { ClusterRequests } from './cluster-requests.js';
import { EventTransport } from './event-transport.js';
import { InProcessEventTransport } from './in-process-event-transport.js';
import { RedisEventTransport } from './redis-event-transport.js';
import { LocalPresenceStore } from '../presence/local-presence-store.js';
import { PresenceStore } from '../presence/presence-store.js';
import { RedisPresenceStore } from '../presence/redis-presence-store.js';

@Global()
@Module({
  providers: [
    {
      provide: EventTransport,
      inject: [ConfigService, Metrics],
      useFactory: (config: ConfigService, metrics: Metrics): EventTransport => {
        const redis = config.getOrThrow<RedisConfig>('redis');
        const realtime = config.getOrThrow<RealtimeConfig>('realtime');
        if (!redis.url)
          return new InProcessEventTransport(realtime.resumeBuffer, realtime.resumeWindowMs);
        return new RedisEventTransport({
          url: redis.url,
          keyPrefix: redis.keyPrefix,
          resumeBuffer: realtime.resumeBuffer,
          resumeWindowS: Math.ceil(realtime.resumeWindowMs / 1000),
          onError: () => metrics.redisErrors.inc(),
        });
      },
    },
    {
      // shared between instances exactly when the events are (REDIS_URL)
      provide: PresenceStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService): PresenceStore => {
        const redis = config.getOrThrow<RedisConfig>('redis');
        return redis.url
          ? new RedisPresenceStore(redis.url, redis.keyPrefix)
          : new LocalPresenceStore();
      },
    },
    ClusterRequests,
  ],
  exports: [EventTransport, PresenceStore, ClusterRequests],
})
export class EventTransportModule implements OnApplicationShutdown {
  constructor(
    private readonly transport: EventTransport,
    private readonly presence: PresenceStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const t = this.transport as { close?: () => unknown };
    await t.close?.();
    await this.presence.close();
  }
}
