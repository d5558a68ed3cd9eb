import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import {
  generateChargerSecret,
  hashChargerSecret,
} from '../../../../common/crypto/charger-secret.js';
import { ConflictError, InvalidInputError } from '../../../../common/errors/domain-error.js';
import { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { isUniqueViolation } from '../../../../infrastructure/database/unique-violation.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import {
  RegisterChargePointCommand,
  type RegisteredCredentials,
} from './register-charge-point.command.js';

@CommandHandler(RegisterChargePointCommand)
export class RegisterChargePointHandler implements ICommandHandler<RegisterChargePointCommand> {
  constructor(
    private readonly tx: TransactionRunner,
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
    try {
      await this.tx.run(async (m) => {
        await m.insert(ChargePointEntity, {
          id: cmd.id,
          ownerId: cmd.ownerId,
          passwordHash,
          securityProfile: cmd.securityProfile,
          connectorCount: Math.max(0, ...ids),
        });
        if (cmd.connectors.length) {
          await m.insert(
            ConnectorEntity,
            cmd.connectors.map((c) => ({ ...c, chargePointId: cmd.id })),
          );
        }
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`Charge point ${cmd.id} exists already`);
      throw err;
    }
    return { generatedPassword };
  }
}
