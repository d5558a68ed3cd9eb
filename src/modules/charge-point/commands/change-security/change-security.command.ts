import { Command } from '@nestjs/cqrs';
import type { RegisteredCredentials } from '../register-charge-point/register-charge-point.command.js';

/**
 * Changes how a charger authenticates (PATCH /charge-points/{id}): its security profile, its
 * password, or both. Applies from its next connection.
 */
export class ChangeSecurityCommand extends Command<RegisteredCredentials> {
  constructor(
    readonly chargePointId: string,
    readonly securityProfile: 1 | 2 | 3 | undefined,
    readonly password: string | undefined,
  ) {
    super();
  }
}
