import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { configNamespaces } from './config/index.js';
import { DatabaseModule } from './infrastructure/database/database.module.js';
import { UnhandledExceptionLogger } from './infrastructure/event-bus/unhandled-exception.logger.js';
import { EventTransportModule } from './infrastructure/event-bus/event-transport.module.js';
import { HealthModule } from './infrastructure/health/health.module.js';
import { MetricsModule } from './infrastructure/metrics/metrics.module.js';
import { WebsocketModule } from './infrastructure/websocket/websocket.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { ChargePointModule } from './modules/charge-point/charge-point.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { SubscriptionModule } from './modules/subscription/subscription.module.js';
import { OcppModule } from './modules/ocpp/ocpp.module.js';
import { IdTagModule } from './modules/id-tag/id-tag.module.js';
import { RemoteControlModule } from './modules/remote-control/remote-control.module.js';

@Module({})
export class AppModule {
  /** `env` defaults to the process environment; tests pass their own. */
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configNamespaces(env) }),
        CqrsModule.forRoot(),
        MetricsModule,
        DatabaseModule,
        WebsocketModule,
        EventTransportModule,
        AuthModule,
        ChargePointModule,
        OcppModule,
        SubscriptionModule,
        RealtimeModule,
        RemoteControlModule,
        IdTagModule,
        HealthModule,
      ],
      providers: [UnhandledExceptionLogger],
    };
  }
}
