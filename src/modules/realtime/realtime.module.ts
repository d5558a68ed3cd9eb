import { Module } from '@nestjs/common';
import { AccessChangesHandler, ChargePointEventFanout } from './realtime-events.handler.js';
import { RealtimeHub } from './realtime-hub.js';
import { SubscriptionAccess } from './subscription-access.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SessionRegistry } from './session-registry.js';
import { TokenRevocationsHandler } from './token-revocations.handler.js';
import { ChargerRemovedWatchersHandler } from './charger-removed.handler.js';
import { UserSessions } from './user-sessions.js';
import { StreamController } from './sse/stream.controller.js';
import { MqttEndpoint } from './mqtt/mqtt-endpoint.js';

const eventHandlers = [
  ChargePointEventFanout,
  AccessChangesHandler,
  TokenRevocationsHandler,
  ChargerRemovedWatchersHandler,
];

@Module({
  controllers: [StreamController],
  providers: [
    SessionRegistry,
    RealtimeHub,
    SubscriptionAccess,
    UserSessions,
    RealtimeGateway,
    MqttEndpoint,
    ...eventHandlers,
  ],
  exports: [SessionRegistry],
})
export class RealtimeModule {}
