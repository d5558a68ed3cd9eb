import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { DisconnectChargePointCommand } from './disconnect-charge-point.command.js';

@CommandHandler(DisconnectChargePointCommand)
export class DisconnectChargePointHandler implements ICommandHandler<DisconnectChargePointCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, reason, lastSeenAt }: DisconnectChargePointCommand) {
    await this.uow.run(chargePointId, async (m, emit) => {
      const result = await m.update(
        ChargePointEntity,
        { id: chargePointId, online: true },
        { online: false, lastSeenAt },
      );
      if (result.affected) emit('ChargePointOffline', { reason });
    });
  }
}
