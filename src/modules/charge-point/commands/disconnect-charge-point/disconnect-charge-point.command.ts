import { Command } from '@nestjs/cqrs';

export type OfflineReason = 'closed' | 'timeout' | 'instance_lost';

/** A charger's only connection ended (a replaced connection never sends this). */
export class DisconnectChargePointCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly reason: OfflineReason,
    readonly lastSeenAt: Date,
  ) {
    super();
  }
}
