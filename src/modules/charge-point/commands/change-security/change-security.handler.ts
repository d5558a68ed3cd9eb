import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  generateChargerSecret,
  hashChargerSecret,
} from '../../../../common/crypto/charger-secret.js';
import { InvalidInputError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { ChargerCredentialsRepository } from '../../domain/charger-credentials.js';
import type { RegisteredCredentials } from '../register-charge-point/register-charge-point.command.js';
import { ChangeSecurityCommand } from './change-security.command.js';

// Profile 3 keeps no password (the client certificate is the credential). A charger that leaves
// profile 3 without being given a password gets a generated one, returned this once: no charger
// is ever reachable by its id alone.
@CommandHandler(ChangeSecurityCommand)
export class ChangeSecurityHandler implements ICommandHandler<ChangeSecurityCommand> {
  constructor(private readonly credentials: ChargerCredentialsRepository) {}

  async execute(cmd: ChangeSecurityCommand): Promise<RegisteredCredentials> {
    const found = await this.credentials.find(cmd.chargePointId);
    if (!found) throw new NotFoundError(`Charge point ${cmd.chargePointId} not found`);
    const profile = cmd.securityProfile ?? found.securityProfile;
    if (profile === 3 && cmd.password) {
      throw new InvalidInputError(
        'password: a profile 3 charger authenticates with its client certificate, not a password',
      );
    }
    let generatedPassword: string | null = null;
    let passwordHash = found.passwordHash;
    if (profile === 3) passwordHash = null;
    else if (cmd.password) passwordHash = hashChargerSecret(cmd.password);
    else if (!passwordHash) {
      generatedPassword = generateChargerSecret();
      passwordHash = hashChargerSecret(generatedPassword);
    }
    await this.credentials.save(cmd.chargePointId, { securityProfile: profile, passwordHash });
    return { generatedPassword };
  }
}
