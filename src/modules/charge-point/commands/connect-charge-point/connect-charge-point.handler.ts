import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { ConnectChargePointCommand } from './connect-charge-point.command.js';

@CommandHandler(ConnectChargePointCommand)
export class ConnectChargePointHandler implements ICommandHandler<ConnectChargePointCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({
    chargePointId,
    replaced,
    ocppVersion,
  }: ConnectChargePointCommand): Promise<void> {
    await this.chargers.change(chargePointId, async (change, emit) => {
      change.markOnline(ocppVersion);
      emit('ChargePointOnline', { reconnected: replaced });
    });
  }
}
