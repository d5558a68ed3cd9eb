import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { RecordFirmwareStatusCommand } from './record-firmware-status.command.js';

@CommandHandler(RecordFirmwareStatusCommand)
export class RecordFirmwareStatusHandler implements ICommandHandler<RecordFirmwareStatusCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({ chargePointId, kind, status }: RecordFirmwareStatusCommand): Promise<void> {
    await this.chargers.recordFirmwareStatus(chargePointId, kind, status);
  }
}
