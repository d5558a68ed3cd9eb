import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { chargePointsOnline } from '../../persistence/batch-rows.js';
import { ConnectChargePointCommand } from './connect-charge-point.command.js';

@CommandHandler(ConnectChargePointCommand)
export class ConnectChargePointHandler implements ICommandHandler<ConnectChargePointCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({
    chargePointId,
    replaced,
    ocppVersion,
  }: ConnectChargePointCommand): Promise<void> {
    await this.uow.run(chargePointId, async (_m, emit, batch) => {
      batch.defer(chargePointsOnline, [{ id: chargePointId, ocppVersion }]);
      emit('ChargePointOnline', { reconnected: replaced });
    });
  }
}
