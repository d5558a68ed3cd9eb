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

  async execute({
    chargePointId,
    connectorId,
    changes,
    source,
  }: ConfigureConnectorCommand): Promise<void> {
    const none = Object.values(changes).every((v) => v === undefined);
    if (none && source === 'charger') return;
    if (none) throw new InvalidInputError('Give at least one of type, maxPowerW, maxCurrentA');
    await this.uow.run(chargePointId, async (m, emit) => {
      const { connector } = await findOrCreateConnector(m, chargePointId, connectorId);
      // the operator's word over the charger's: a report fills only what is unset
      const [first, then] = source === 'charger' ? [connector, changes] : [changes, connector];
      const next = {
        type: first.type ?? then.type ?? null,
        maxPowerW: first.maxPowerW ?? then.maxPowerW ?? null,
        maxCurrentA: first.maxCurrentA ?? then.maxCurrentA ?? null,
      };
      const same =
        next.type === connector.type &&
        next.maxPowerW === connector.maxPowerW &&
        next.maxCurrentA === connector.maxCurrentA;
      if (same && source === 'charger') return;
      await m.update(ConnectorEntity, { chargePointId, connectorId }, next);
      emit('ConnectorConfigured', { connectorId, ...next });
    });
  }
}
