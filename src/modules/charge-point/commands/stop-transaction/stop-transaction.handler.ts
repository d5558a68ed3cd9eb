import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { Transaction } from '../../domain/transaction.js';
import { StopTransactionCommand, type StopTransactionOutcome } from './stop-transaction.command.js';

@CommandHandler(StopTransactionCommand)
export class StopTransactionHandler implements ICommandHandler<StopTransactionCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute(cmd: StopTransactionCommand): Promise<StopTransactionOutcome> {
    const stoppedAt = new Date(cmd.timestamp);
    return this.chargers.change(cmd.chargePointId, async (change, emit) => {
      // past 32 bits it is none of ours (and PostgreSQL's integer column could not compare it)
      const found = Transaction.isOurId(cmd.transactionId)
        ? await change.findTransaction(cmd.transactionId)
        : null;
      if (!found) {
        // answered all the same (the charger must not retry forever), kept for reconciliation
        await change.keepUnmatchedStop({
          transactionId: cmd.transactionId,
          meterStopWh: cmd.meterStopWh ?? 0,
          stoppedAt,
          idTag: cmd.idTag ?? null,
          reason: cmd.reason ?? null,
        });
        return 'unmatched';
      }
      const tx = new Transaction(found);
      if (!tx.live) return 'already_stopped';
      // 2.0.1 may not give the register: the connector's last reading of this transaction
      const lastEnergyWh =
        cmd.meterStopWh === undefined
          ? ((await change.connectorOfTransaction(found))?.energyWh ?? null)
          : null;
      const stop = tx.stop({
        meterStopWh: cmd.meterStopWh,
        stoppedAt,
        idTag: cmd.idTag,
        reason: cmd.reason,
        lastEnergyWh,
      })!;
      await change.saveStop(tx.id, stop);
      change.addMeterValues(found.connectorId, tx.id, cmd.transactionData);
      // the connector is free again; only if no newer transaction took it meanwhile
      await change.freeConnector(found.connectorId, tx.id);
      emit('TransactionStopped', {
        transactionId: tx.id,
        connectorId: found.connectorId,
        meterStopWh: stop.meterStopWh,
        energyWh: stop.energyWh,
        stoppedAt: stoppedAt.toISOString(),
        reason: stop.stopReason,
      });
      return 'stopped';
    });
  }
}
