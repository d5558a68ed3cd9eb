import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import { hashChargerSecret } from '../../../../common/crypto/charger-secret.js';
import { ConflictError, InvalidInputError } from '../../../../common/errors/domain-error.js';
import { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { isUniqueViolation } from '../../../../infrastructure/database/unique-violation.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { RegisterChargePointCommand } from './register-charge-point.command.js';

@CommandHandler(RegisterChargePointCommand)
export class RegisterChargePointHandler implements ICommandHandler<RegisterChargePointCommand> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly queries: QueryBus,
  ) {}

  async execute(cmd: RegisterChargePointCommand): Promise<void> {
    const ids = cmd.connectors.map((c) => c.connectorId);
    if (new Set(ids).size !== ids.length) {
      throw new InvalidInputError('connectors: each connectorId may appear once');
    }
    if (cmd.ownerId && !(await this.queries.execute(new FindUserQuery(cmd.ownerId)))) {
      throw new InvalidInputError(`ownerId: there is no user ${cmd.ownerId}`);
    }
    const passwordHash = cmd.password ? hashChargerSecret(cmd.password) : null;
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
  }
}
