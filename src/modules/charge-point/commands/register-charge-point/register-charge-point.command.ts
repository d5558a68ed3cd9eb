import { Command } from '@nestjs/cqrs';
import type { ConnectorStaticData } from '../../../../common/contracts/charge-point-events.js';

export class RegisterChargePointCommand extends Command<void> {
  constructor(
    readonly id: string,
    readonly ownerId: string | null,
    readonly password: string | null,
    readonly connectors: ConnectorStaticData[],
    readonly securityProfile: 1 | 2 | 3 = 1,
  ) {
    super();
  }
}
