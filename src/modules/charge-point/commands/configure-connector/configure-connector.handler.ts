import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '../../../../common/errors/domain-error.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { ConfigureConnectorCommand } from './configure-connector.command.js';

// Static data (type, max power, max current) is the operator's; a connector the charger has not
// reported yet is created, and connectorCount follows.
@CommandHandler(ConfigureConnectorCommand)
export class ConfigureConnectorHandler implements ICommandHandler<ConfigureConnectorCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, connectorId, changes }: ConfigureConnectorCommand): Promise<void> {
    if (Object.values(changes).every((v) => v === undefined)) {
      throw new InvalidInputError('Give at least one of type, maxPowerW, maxCurrentA');
    }
    await this.uow.run(chargePointId, async (m, emit) => {
      const { connector } = await findOrCreateConnector(m, chargePointId, connectorId);
      const next = {
        type: changes.type ?? connector.type,
        maxPowerW: changes.maxPowerW ?? connector.maxPowerW,
        maxCurrentA: changes.maxCurrentA ?? connector.maxCurrentA,
      };
      await m.update(ConnectorEntity, { chargePointId, connectorId }, next);
      emit('ConnectorConfigured', { connectorId, ...next });
    });
  }
}
