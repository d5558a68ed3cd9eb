import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';
import {
  StartTransactionCommand,
  type StartTransactionResult,
} from './start-transaction.command.js';

@CommandHandler(StartTransactionCommand)
export class StartTransactionHandler implements ICommandHandler<StartTransactionCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: StartTransactionCommand): Promise<StartTransactionResult> {
    const startedAt = new Date(cmd.timestamp);
    return this.uow.run(cmd.chargePointId, async (m, emit) => {
      const key = {
        chargePointId: cmd.chargePointId,
        connectorId: cmd.connectorId,
        idTag: cmd.idTag,
        meterStartWh: cmd.meterStartWh,
        startedAt,
      };
      // a retry (the charger missed our answer) gets the same id and creates nothing new
      const retried = await m.findOneBy(TransactionEntity, key);
      if (retried) return { transactionId: retried.id, idTagInfo: cmd.idTagInfo };

      const inserted = await m.insert(TransactionEntity, {
        ...key,
        reservationId: cmd.reservationId ?? null,
      });
      const transactionId = Number(inserted.identifiers[0].id);
      await findOrCreateConnector(m, cmd.chargePointId, cmd.connectorId);
      await m.update(
        ConnectorEntity,
        { chargePointId: cmd.chargePointId, connectorId: cmd.connectorId },
        { transactionId, energyWh: 0, powerW: 0 },
      );
      emit('TransactionStarted', {
        transactionId,
        connectorId: cmd.connectorId,
        idTag: cmd.idTag,
        meterStartWh: cmd.meterStartWh,
        startedAt: startedAt.toISOString(),
      });
      return { transactionId, idTagInfo: cmd.idTagInfo };
    });
  }
}
