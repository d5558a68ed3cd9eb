import { Module } from '@nestjs/common';
import { AccessChangesHandler, ChargePointEventFanout } from './realtime-events.handler.js';
import { RealtimeHub } from './realtime-hub.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SessionRegistry } from './session-registry.js';
import { TokenRevocationsHandler } from './token-revocations.handler.js';
import { ChargerRemovedWatchersHandler } from './charger-removed.handler.js';

const eventHandlers = [
  ChargePointEventFanout,
  AccessChangesHandler,
  TokenRevocationsHandler,
  ChargerRemovedWatchersHandler,
];

@Module({
  providers: [SessionRegistry, RealtimeHub, RealtimeGateway, ...eventHandlers],
  exports: [SessionRegistry],
})
export class RealtimeModule {}
