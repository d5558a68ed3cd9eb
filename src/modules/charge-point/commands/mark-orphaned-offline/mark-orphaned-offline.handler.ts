import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { MarkOrphanedOfflineCommand } from './mark-orphaned-offline.command.js';

@CommandHandler(MarkOrphanedOfflineCommand)
export class MarkOrphanedOfflineHandler implements ICommandHandler<MarkOrphanedOfflineCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute(): Promise<number> {
    const stale = await this.chargers.listOnline();
    for (const id of stale) {
      await this.chargers.change(id, async (change, emit) => {
        if (await change.markOffline()) emit('ChargePointOffline', { reason: 'instance_lost' });
      });
    }
    return stale.length;
  }
}
