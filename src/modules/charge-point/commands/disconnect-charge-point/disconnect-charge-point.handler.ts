import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { DisconnectChargePointCommand } from './disconnect-charge-point.command.js';

@CommandHandler(DisconnectChargePointCommand)
export class DisconnectChargePointHandler implements ICommandHandler<DisconnectChargePointCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({ chargePointId, reason, lastSeenAt }: DisconnectChargePointCommand) {
    await this.chargers.change(chargePointId, async (change, emit) => {
      if (await change.markOffline(lastSeenAt)) emit('ChargePointOffline', { reason });
    });
  }
}
