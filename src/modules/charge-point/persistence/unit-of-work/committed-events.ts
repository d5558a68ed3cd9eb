import type { EventBus } from '@nestjs/cqrs';
import type { UnitOutcome } from './unit.js';

// Events leave only once their batch has committed (a rolled-back unit's events never existed),
// all of a batch's at once and in its order, which keeps each charger's in seq order.
export class CommittedEvents {
  constructor(private readonly eventBus: EventBus) {}

  publish(outcomes: readonly UnitOutcome[]): void {
    const events = outcomes.flatMap((o) => (o.committed ? o.events : []));
    if (events.length > 0) this.eventBus.publishAll(events);
  }
}
