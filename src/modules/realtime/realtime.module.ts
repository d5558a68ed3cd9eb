import { Module } from '@nestjs/common';
import { AccessChangesHandler, ChargePointEventFanout } from './realtime-events.handler.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SessionRegistry } from './session-registry.js';
import { UserSessions } from './user-sessions.js';
import { StreamController } from './sse/stream.controller.js';

const eventHandlers = [ChargePointEventFanout, AccessChangesHandler];

@Module({
  controllers: [StreamController],
  providers: [SessionRegistry, RealtimeHub, UserSessions, RealtimeGateway, ...eventHandlers],
  exports: [SessionRegistry],
})
export class RealtimeModule {}
