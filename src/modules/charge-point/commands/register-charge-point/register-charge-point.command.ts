import { Command } from '@nestjs/cqrs';
import type { ConnectorStaticData } from '../../../../common/contracts/charge-point-events.js';

/** The password the server made up for a charger registered without one (shown once), if any. */
export interface RegisteredCredentials {
  generatedPassword: string | null;
}

export class RegisterChargePointCommand extends Command<RegisteredCredentials> {
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
