import { Command } from '@nestjs/cqrs';

/** A charger's socket opened; `replaced` when it took over a live connection. */
export class ConnectChargePointCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly replaced: boolean,
  ) {
    super();
  }
}
