import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { storeMeterValues } from '../../persistence/meter-samples.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';
import { UnmatchedStopTransactionEntity } from '../../persistence/unmatched-stop-transaction.entity.js';
import { StopTransactionCommand, type StopTransactionOutcome } from './stop-transaction.command.js';

@CommandHandler(StopTransactionCommand)
export class StopTransactionHandler implements ICommandHandler<StopTransactionCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: StopTransactionCommand): Promise<StopTransactionOutcome> {
    const stoppedAt = new Date(cmd.timestamp);
    return this.uow.run(cmd.chargePointId, async (m, emit) => {
      const tx = await m.findOneBy(TransactionEntity, {
        id: cmd.transactionId,
        chargePointId: cmd.chargePointId,
      });
      if (!tx) return this.keepUnmatched(m, cmd, stoppedAt);
      if (tx.stoppedAt) return 'already_stopped';

      const reason = cmd.reason ?? 'Local'; // OCPP 1.6: an absent reason means Local
      const meterStopWh = cmd.meterStopWh ?? (await this.lastRegisterWh(m, tx));
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
        energyWh: meterStopWh - tx.meterStartWh,
        stoppedAt: stoppedAt.toISOString(),
        reason,
      });
      return 'stopped';
    });
  }

  // The register as the connector last showed it in this transaction (its energy counts from
  // the start), or the start itself when it never reported one.
  private async lastRegisterWh(m: EntityManager, tx: TransactionEntity): Promise<number> {
    const connector = await m.findOneBy(ConnectorEntity, {
      chargePointId: tx.chargePointId,
      connectorId: tx.connectorId,
      transactionId: tx.id,
    });
    return Math.round(tx.meterStartWh + (connector?.energyWh ?? 0));
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
