import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ChargerChange,
  ChargerRepository,
  type Emit,
} from '../../domain/charger-repository.js';
import { type NewTransaction, Transaction } from '../../domain/transaction.js';
import {
  StartTransactionCommand,
  type StartTransactionResult,
} from './start-transaction.command.js';

@CommandHandler(StartTransactionCommand)
export class StartTransactionHandler implements ICommandHandler<StartTransactionCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute(cmd: StartTransactionCommand): Promise<StartTransactionResult> {
    const start = Transaction.start({
      chargePointId: cmd.chargePointId,
      connectorId: cmd.connectorId,
      idTag: cmd.idTag,
      meterStartWh: cmd.meterStartWh,
      startedAt: new Date(cmd.timestamp),
      reservationId: cmd.reservationId,
      ocppTransactionId: cmd.event?.ocppTransactionId,
    });
    return this.chargers.change(cmd.chargePointId, async (change, emit) => {
      // 1.6: a retry (the charger missed our answer) gets the same id and creates nothing new;
      // 2.0.1: the charger's own id names the transaction
      const found = cmd.event
        ? await change.findTransactionByOcppId(cmd.event.ocppTransactionId)
        : await change.findSameStart(start);
      const existing = found ? new Transaction(found) : null;
      const tx = existing
        ? { id: existing.id, connectorId: existing.state.connectorId }
        : await this.start(change, emit, start);
      const duplicate = cmd.event ? !(await change.recordSeqNo(tx.id, cmd.event.seqNo)) : false;
      const idTag = existing && !duplicate ? existing.idTagToLearn(cmd.idTag) : null;
      if (existing && idTag) await change.setTransactionIdTag(existing.id, idTag);
      return {
        transactionId: tx.id,
        idTagInfo: cmd.idTagInfo,
        connectorId: tx.connectorId,
        duplicate,
      };
    });
  }

  private async start(change: ChargerChange, emit: Emit, start: NewTransaction) {
    const transactionId = await change.addTransaction(start);
    await change.startOnConnector(start.connectorId, transactionId);
    emit('TransactionStarted', {
      transactionId,
      connectorId: start.connectorId,
      idTag: start.idTag || null,
      meterStartWh: start.meterStartWh,
      startedAt: start.startedAt.toISOString(),
      ...(start.ocppTransactionId !== null ? { ocppTransactionId: start.ocppTransactionId } : {}),
    });
    return { id: transactionId, connectorId: start.connectorId };
  }
}
