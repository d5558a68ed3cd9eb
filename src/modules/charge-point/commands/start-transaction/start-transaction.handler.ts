import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { idTagStatus } from '../../domain/id-tag-policy.js';
import { type Emit, ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';
import { TransactionEventSeqNoEntity } from '../../persistence/transaction-event-seq-no.entity.js';
import {
  StartTransactionCommand,
  type StartTransactionResult,
} from './start-transaction.command.js';

@CommandHandler(StartTransactionCommand)
export class StartTransactionHandler implements ICommandHandler<StartTransactionCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: StartTransactionCommand): Promise<StartTransactionResult> {
    const status = idTagStatus(cmd.idTag, cmd.acceptUnknownIdTags);
    return this.uow.run(cmd.chargePointId, async (m, emit) => {
      const existing = await this.existing(m, cmd);
      const tx = existing ?? (await this.start(m, emit, cmd));
      const duplicate = cmd.event ? !(await this.firstTime(m, tx.id, cmd.event.seqNo)) : false;
      // a 2.0.1 transaction begun by a cable learns its id tag when the driver authorises
      if (existing && !duplicate && cmd.idTag && !existing.idTag)
        await m.update(TransactionEntity, existing.id, { idTag: cmd.idTag });
      return {
        transactionId: tx.id,
        idTagStatus: status,
        connectorId: tx.connectorId,
        duplicate,
      };
    });
  }

  // 1.6: a retry (the charger missed our answer) gets the same id and creates nothing new;
  // 2.0.1: the charger's own id names the transaction
  private existing(m: EntityManager, cmd: StartTransactionCommand) {
    if (cmd.event)
      return m.findOneBy(TransactionEntity, {
        chargePointId: cmd.chargePointId,
        ocppTransactionId: cmd.event.ocppTransactionId,
      });
    return m.findOneBy(TransactionEntity, {
      chargePointId: cmd.chargePointId,
      connectorId: cmd.connectorId,
      idTag: cmd.idTag,
      meterStartWh: cmd.meterStartWh,
      startedAt: new Date(cmd.timestamp),
    });
  }

  private async start(m: EntityManager, emit: Emit, cmd: StartTransactionCommand) {
    const startedAt = new Date(cmd.timestamp);
    const row = {
      chargePointId: cmd.chargePointId,
      connectorId: cmd.connectorId,
      idTag: cmd.idTag,
      meterStartWh: cmd.meterStartWh,
      startedAt,
      reservationId: cmd.reservationId ?? null,
      ocppTransactionId: cmd.event?.ocppTransactionId ?? null,
    };
    const inserted = await m.insert(TransactionEntity, row);
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
      idTag: cmd.idTag || null,
      meterStartWh: cmd.meterStartWh,
      startedAt: startedAt.toISOString(),
      ...(cmd.event ? { ocppTransactionId: cmd.event.ocppTransactionId } : {}),
    });
    return { id: transactionId, connectorId: cmd.connectorId };
  }

  // one charger's units of work run one after another: a read, then the insert, cannot race
  private async firstTime(m: EntityManager, transactionId: number, seqNo: number) {
    if (await m.findOneBy(TransactionEventSeqNoEntity, { transactionId, seqNo })) return false;
    await m.insert(TransactionEventSeqNoEntity, { transactionId, seqNo });
    return true;
  }
}
