import { Command } from '@nestjs/cqrs';

export class AddGrantCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly userId: string,
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
