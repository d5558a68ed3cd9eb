import { Command } from '@nestjs/cqrs';

/** An admin changes a charger's owner (null: nobody's) or its password. */
export class UpdateChargePointCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly changes: { ownerId?: string | null; password?: string },
  ) {
    super();
  }
}
