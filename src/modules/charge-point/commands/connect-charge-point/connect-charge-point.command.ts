import { Command } from '@nestjs/cqrs';

/**
 * A charger's socket opened; `replaced` when it took over a live connection; `ocppVersion` the
 * version it speaks on it (`1.6`, `2.0.1`).
 */
export class ConnectChargePointCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly replaced: boolean,
    readonly ocppVersion: string = '1.6',
  ) {
    super();
  }
}
