import { Command } from '@nestjs/cqrs';

/**
 * A connector's static data. From the operator (REST) it is set as given; from the charger's own
 * report (OCPP 2.0.1 NotifyReport) it only fills what nobody set yet.
 */
export class ConfigureConnectorCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    readonly changes: { type?: string; maxPowerW?: number; maxCurrentA?: number },
    readonly source: 'operator' | 'charger' = 'operator',
  ) {
    super();
  }
}
