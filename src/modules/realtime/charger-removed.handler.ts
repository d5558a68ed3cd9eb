import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ChargePointRemoved } from '../../common/contracts/charge-points.js';
import { EventTransport } from '../../infrastructure/event-bus/event-transport.js';
import { RealtimeHub } from './realtime-hub.js';
import { SessionRegistry } from './session-registry.js';

const KIND = 'charger_removed_watchers';

// A removed charger is gone for everyone who watched it: each of their subscriptions to it ends
// (`access_revoked`, as when a grant is taken back), here and on every other instance.
@Injectable()
@EventsHandler(ChargePointRemoved)
export class ChargerRemovedWatchersHandler
  implements IEventHandler<ChargePointRemoved>, OnModuleInit
{
  constructor(
    private readonly hub: RealtimeHub,
    private readonly registry: SessionRegistry,
    private readonly transport: EventTransport,
  ) {}

  onModuleInit(): void {
    this.transport.onClusterMessage((m) => {
      if (m.kind === KIND && typeof m.chargePointId === 'string') this.endWatches(m.chargePointId);
    });
  }

  handle({ chargePointId }: ChargePointRemoved): void {
    this.transport.broadcast({ kind: KIND, chargePointId });
    this.endWatches(chargePointId);
  }

  private endWatches(chargePointId: string): void {
    for (const session of [...this.registry.watchers(chargePointId)])
      this.hub.unsubscribe(session, chargePointId, 'access_revoked');
  }
}
