import { Command } from '@nestjs/cqrs';
import type { GrantLevel } from '../../../common/contracts/access.js';

/** Grants access at `level`; granting again changes the level (at once). */
export class AddGrantCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly userId: string,
    readonly level: GrantLevel = 'view',
  ) {
    super();
  }
}

export class RemoveGrantCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly userId: string,
  ) {
    super();
  }
}

export class RememberSubscriptionCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly chargePointId: string,
  ) {
    super();
  }
}

export class ForgetSubscriptionCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly chargePointId: string,
  ) {
    super();
  }
}
