import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '../../../../common/errors/domain-error.js';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { Connector } from '../../domain/connector.js';
import { ConfigureConnectorCommand } from './configure-connector.command.js';

// Static data (type, max power, max current) is the operator's; a connector the charger has not
// reported yet is created, and connectorCount follows.
@CommandHandler(ConfigureConnectorCommand)
export class ConfigureConnectorHandler implements ICommandHandler<ConfigureConnectorCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({
    chargePointId,
    connectorId,
    changes,
    source,
  }: ConfigureConnectorCommand): Promise<void> {
    const none = Object.values(changes).every((v) => v === undefined);
    if (none && source === 'charger') return;
    if (none) throw new InvalidInputError('Give at least one of type, maxPowerW, maxCurrentA');
    await this.chargers.change(chargePointId, async (change, emit) => {
      const { connector } = await change.connector(connectorId);
      const next = Connector.configure(connector, changes, source);
      if (!next) return;
      await change.saveConnectorConfiguration(connectorId, next);
      emit('ConnectorConfigured', { connectorId, ...next });
    });
  }
}
