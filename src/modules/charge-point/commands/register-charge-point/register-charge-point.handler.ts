import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import {
  generateChargerSecret,
  hashChargerSecret,
} from '../../../../common/crypto/charger-secret.js';
import { ConflictError, InvalidInputError } from '../../../../common/errors/domain-error.js';
import { ChargerRepository } from '../../domain/charger-repository.js';
import {
  RegisterChargePointCommand,
  type RegisteredCredentials,
} from './register-charge-point.command.js';

@CommandHandler(RegisterChargePointCommand)
export class RegisterChargePointHandler implements ICommandHandler<RegisterChargePointCommand> {
  constructor(
    private readonly chargers: ChargerRepository,
    private readonly queries: QueryBus,
  ) {}

  // No charger is reachable by its id alone: one registered without a password gets a generated
  // one (returned this once), but a profile 3 charger, which shows a client certificate instead.
  async execute(cmd: RegisterChargePointCommand): Promise<RegisteredCredentials> {
    if (cmd.securityProfile === 3 && cmd.password) {
      throw new InvalidInputError(
        'password: a profile 3 charger authenticates with its client certificate, not a password',
      );
    }
    const ids = cmd.connectors.map((c) => c.connectorId);
    if (new Set(ids).size !== ids.length) {
      throw new InvalidInputError('connectors: each connectorId may appear once');
    }
    if (cmd.ownerId && !(await this.queries.execute(new FindUserQuery(cmd.ownerId)))) {
      throw new InvalidInputError(`ownerId: there is no user ${cmd.ownerId}`);
    }
    const generatedPassword =
      cmd.securityProfile === 3 || cmd.password ? null : generateChargerSecret();
    const password = cmd.password ?? generatedPassword;
    const passwordHash = password ? hashChargerSecret(password) : null;
    const registered = await this.chargers.register({
      id: cmd.id,
      ownerId: cmd.ownerId,
      passwordHash,
      securityProfile: cmd.securityProfile,
      connectors: cmd.connectors,
    });
    if (!registered) throw new ConflictError(`Charge point ${cmd.id} exists already`);
    return { generatedPassword };
  }
}
