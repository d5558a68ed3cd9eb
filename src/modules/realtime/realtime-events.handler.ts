import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import {
  ChargePointGrantRevoked,
  SubscriptionForgotten,
  SubscriptionRemembered,
} from '../../common/contracts/access.js';
import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { RealtimeHub } from './realtime-hub.js';
import { SessionRegistry } from './session-registry.js';

@EventsHandler(ChargePointEvent)
export class ChargePointEventFanout implements IEventHandler<ChargePointEvent> {
  constructor(private readonly hub: RealtimeHub) {}

  handle(event: ChargePointEvent): void {
    this.hub.publish(event);
  }
}

@EventsHandler(ChargePointGrantRevoked)
export class GrantRevokedHandler implements IEventHandler<ChargePointGrantRevoked> {
  constructor(private readonly hub: RealtimeHub) {}

  async handle({ userId, chargePointId }: ChargePointGrantRevoked): Promise<void> {
    await this.hub.recheckAccess(userId, chargePointId);
  }
}

// Remembered interests follow the user's open sessions as they change.
@EventsHandler(SubscriptionRemembered, SubscriptionForgotten)
export class RememberedSubscriptionsHandler implements IEventHandler<
  SubscriptionRemembered | SubscriptionForgotten
> {
  constructor(
    private readonly hub: RealtimeHub,
    private readonly registry: SessionRegistry,
  ) {}

  async handle(event: SubscriptionRemembered | SubscriptionForgotten): Promise<void> {
    for (const session of this.registry.ofUser(event.userId)) {
      const following = session.subscriptions.has(event.chargePointId);
      if (event instanceof SubscriptionRemembered && !following) {
        await this.hub.subscribe(session, event.chargePointId);
      } else if (event instanceof SubscriptionForgotten && following) {
        this.hub.unsubscribe(session, event.chargePointId, 'requested');
      }
    }
  }
}
