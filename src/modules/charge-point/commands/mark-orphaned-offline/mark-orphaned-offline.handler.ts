import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { MarkOrphanedOfflineCommand } from './mark-orphaned-offline.command.js';

@CommandHandler(MarkOrphanedOfflineCommand)
export class MarkOrphanedOfflineHandler implements ICommandHandler<MarkOrphanedOfflineCommand> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
    private readonly uow: ChargePointUnitOfWork,
  ) {}

  async execute(): Promise<number> {
    const stale = await this.chargePoints.find({ where: { online: true }, select: { id: true } });
    for (const { id } of stale) {
      await this.uow.run(id, async (m, emit) => {
        const result = await m.update(ChargePointEntity, { id, online: true }, { online: false });
        if (result.affected) emit('ChargePointOffline', { reason: 'instance_lost' });
      });
    }
    return stale.length;
  }
}
