import { Module } from '@nestjs/common';
import { AccessChangesHandler, ChargePointEventFanout } from './realtime-events.handler.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SessionRegistry } from './session-registry.js';
import { TokenRevocationsHandler } from './token-revocations.handler.js';

const eventHandlers = [ChargePointEventFanout, AccessChangesHandler, TokenRevocationsHandler];

@Module({
  providers: [SessionRegistry, RealtimeHub, RealtimeGateway, ...eventHandlers],
  exports: [SessionRegistry],
})
export class RealtimeModule {}
