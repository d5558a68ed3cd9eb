import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import {
  ChargePointGrantRevoked,
  SubscriptionForgotten,
  SubscriptionRemembered,
} from '../../common/contracts/access.js';
import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import {
  type ClusterMessage,
  EventTransport,
} from '../../infrastructure/event-bus/event-transport.js';
import { RealtimeHub } from './realtime-hub.js';
import { SessionRegistry } from './session-registry.js';

@EventsHandler(ChargePointEvent)
export class ChargePointEventFanout implements IEventHandler<ChargePointEvent> {
  constructor(private readonly hub: RealtimeHub) {}

  handle(event: ChargePointEvent): void {
    this.hub.publish(event);
  }
}

type AccessChange = {
  kind: 'grant_revoked' | 'remembered' | 'forgotten';
  userId: string;
  chargePointId: string;
};

// Access changes reach the user's sessions on this instance at once, and the other instances'
// sessions through the transport.
@Injectable()
@EventsHandler(ChargePointGrantRevoked, SubscriptionRemembered, SubscriptionForgotten)
export class AccessChangesHandler
  implements
    IEventHandler<ChargePointGrantRevoked | SubscriptionRemembered | SubscriptionForgotten>,
    OnModuleInit
{
  constructor(
    private readonly hub: RealtimeHub,
    private readonly registry: SessionRegistry,
    private readonly transport: EventTransport,
  ) {}

  onModuleInit(): void {
    this.transport.onClusterMessage((m) => {
      if (m.kind === 'grant_revoked' || m.kind === 'remembered' || m.kind === 'forgotten') {
        void this.apply(m as unknown as AccessChange);
      }
    });
  }

  async handle(event: ChargePointGrantRevoked | SubscriptionRemembered | SubscriptionForgotten) {
    const kind =
      event instanceof ChargePointGrantRevoked
        ? 'grant_revoked'
        : event instanceof SubscriptionRemembered
          ? 'remembered'
          : 'forgotten';
    const change: AccessChange = { kind, userId: event.userId, chargePointId: event.chargePointId };
    this.transport.broadcast(change as unknown as ClusterMessage);
    await this.apply(change);
  }

  private async apply({ kind, userId, chargePointId }: AccessChange): Promise<void> {
    if (kind === 'grant_revoked') return this.hub.recheckAccess(userId, chargePointId);
    // remembered interests follow the user's open sessions as they change
    for (const session of this.registry.ofUser(userId)) {
      if (!session.followsRemembered) continue;
      const following = session.subscriptions.has(chargePointId);
      if (kind === 'remembered' && !following) await this.hub.subscribe(session, chargePointId);
      else if (kind === 'forgotten' && following)
        this.hub.unsubscribe(session, chargePointId, 'requested');
    }
  }
}
