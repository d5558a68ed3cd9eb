import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { RecordFirmwareStatusCommand } from './record-firmware-status.command.js';

@CommandHandler(RecordFirmwareStatusCommand)
export class RecordFirmwareStatusHandler implements ICommandHandler<RecordFirmwareStatusCommand> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {}

  async execute({ chargePointId, kind, status }: RecordFirmwareStatusCommand): Promise<void> {
    const column = kind === 'firmware' ? 'firmwareStatus' : 'diagnosticsStatus';
    await this.chargePoints.update(chargePointId, { [column]: status });
  }
}
