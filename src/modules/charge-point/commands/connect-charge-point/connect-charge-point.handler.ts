import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectChargePointCommand } from './connect-charge-point.command.js';

@CommandHandler(ConnectChargePointCommand)
export class ConnectChargePointHandler implements ICommandHandler<ConnectChargePointCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, replaced }: ConnectChargePointCommand): Promise<void> {
    await this.uow.run(chargePointId, async (m, emit) => {
      await m.update(ChargePointEntity, chargePointId, { online: true, lastSeenAt: new Date() });
      emit('ChargePointOnline', { reconnected: replaced });
    });
  }
}
