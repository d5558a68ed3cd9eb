import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { INT32_MAX } from '../../../../infrastructure/database/bigint-number.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { storeMeterValues } from '../../persistence/meter-samples.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';
import { UnmatchedStopTransactionEntity } from '../../persistence/unmatched-stop-transaction.entity.js';
import { TransactionEnergy } from '../../domain/transaction-energy.js';
import { StopTransactionCommand, type StopTransactionOutcome } from './stop-transaction.command.js';

@CommandHandler(StopTransactionCommand)
export class StopTransactionHandler implements ICommandHandler<StopTransactionCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: StopTransactionCommand): Promise<StopTransactionOutcome> {
    const stoppedAt = new Date(cmd.timestamp);
    return this.uow.run(cmd.chargePointId, async (m, emit) => {
      // past 32 bits it is none of ours (and PostgreSQL's integer column could not compare it)
      const tx =
        cmd.transactionId > 0 && cmd.transactionId <= INT32_MAX
          ? await m.findOneBy(TransactionEntity, {
              id: cmd.transactionId,
              chargePointId: cmd.chargePointId,
            })
          : null;
      if (!tx) return this.keepUnmatched(m, cmd, stoppedAt);
      if (tx.stoppedAt) return 'already_stopped';

      const reason = cmd.reason ?? 'Local'; // OCPP 1.6: an absent reason means Local
      const energy = new TransactionEnergy(tx.meterStartWh);
      const meterStopWh =
        cmd.meterStopWh ?? energy.stopRegisterWh(undefined, await this.lastEnergyWh(m, tx));
      await m.update(TransactionEntity, tx.id, {
        meterStopWh,
        stoppedAt,
        stopReason: reason,
        stopIdTag: cmd.idTag ?? null,
      });
      await storeMeterValues(m, tx.chargePointId, tx.connectorId, tx.id, cmd.transactionData);
      // the connector is free again; only if no newer transaction took it meanwhile
      await m.update(
        ConnectorEntity,
        { chargePointId: tx.chargePointId, connectorId: tx.connectorId, transactionId: tx.id },
        { transactionId: null, powerW: 0, energyWh: null },
      );
      emit('TransactionStopped', {
        transactionId: tx.id,
        connectorId: tx.connectorId,
        meterStopWh,
        energyWh: energy.at(meterStopWh),
        stoppedAt: stoppedAt.toISOString(),
        reason,
      });
      return 'stopped';
    });
  }

  // The energy the connector last showed for this transaction (null: no reading, or it moved on).
  private async lastEnergyWh(m: EntityManager, tx: TransactionEntity): Promise<number | null> {
    const connector = await m.findOneBy(ConnectorEntity, {
      chargePointId: tx.chargePointId,
      connectorId: tx.connectorId,
      transactionId: tx.id,
    });
    return connector?.energyWh ?? null;
  }

  // Answered all the same (the charger must not retry forever) and kept for reconciliation.
  private async keepUnmatched(m: EntityManager, cmd: StopTransactionCommand, stoppedAt: Date) {
    const key = {
      chargePointId: cmd.chargePointId,
      transactionId: cmd.transactionId,
      meterStopWh: cmd.meterStopWh ?? 0,
      stoppedAt,
    };
    if (await m.findOneBy(UnmatchedStopTransactionEntity, key)) return 'unmatched' as const;
    await m.insert(UnmatchedStopTransactionEntity, {
      ...key,
      idTag: cmd.idTag ?? null,
      reason: cmd.reason ?? null,
    });
    return 'unmatched' as const;
  }
}
