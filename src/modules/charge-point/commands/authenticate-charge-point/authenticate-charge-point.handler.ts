import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { verifyChargerSecret } from '../../../../common/crypto/charger-secret.js';
import { ChargerCredentialsRepository } from '../../domain/charger-credentials.js';
import {
  AuthenticateChargePointCommand,
  type ChargePointAuthResult,
} from './authenticate-charge-point.command.js';

@CommandHandler(AuthenticateChargePointCommand)
export class AuthenticateChargePointHandler implements ICommandHandler<AuthenticateChargePointCommand> {
  constructor(private readonly credentials: ChargerCredentialsRepository) {}

  async execute(cmd: AuthenticateChargePointCommand): Promise<ChargePointAuthResult> {
    const found = await this.credentials.find(cmd.chargePointId);
    if (!found) {
      if (!cmd.registerUnknown) return 'unknown';
      await this.credentials.registerUnknown(cmd.chargePointId);
      return 'accepted';
    }
    const { secure, clientCertificateCn } = cmd.connection;
    if (found.securityProfile >= 2 && !secure) return 'below_profile';
    if (found.securityProfile === 3) {
      return clientCertificateCn === cmd.chargePointId ? 'accepted' : 'below_profile';
    }
    if (!found.passwordHash) return 'accepted';
    if (!cmd.password) return 'bad_credentials';
    return (await verifyChargerSecret(cmd.password, found.passwordHash))
      ? 'accepted'
      : 'bad_credentials';
  }
}
