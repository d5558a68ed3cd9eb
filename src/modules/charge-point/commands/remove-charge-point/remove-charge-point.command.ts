import { Command } from '@nestjs/cqrs';

/** An admin removes a charger: connectors, grants, subscriptions go; its history stays. */
export class RemoveChargePointCommand extends Command<void> {
  constructor(readonly chargePointId: string) {
    super();
  }
}
