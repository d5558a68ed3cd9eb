import { Command } from '@nestjs/cqrs';

export class ConfigureConnectorCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    readonly changes: { type?: string; maxPowerW?: number; maxCurrentA?: number },
  ) {
    super();
  }
}
