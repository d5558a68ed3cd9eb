import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { INT32_MAX } from '../../../../infrastructure/database/bigint-number.js';
import {
  connectorKey,
  connectorMeters,
  connectorsByKey,
  transactionsById,
} from '../../persistence/batch-rows.js';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { meterSampleRows, meterSamples } from '../../persistence/meter-samples.js';
import type { ConnectorEntity } from '../../persistence/connector.entity.js';
import type { TransactionEntity } from '../../persistence/transaction.entity.js';
import { TransactionEnergy } from '../../domain/transaction-energy.js';
import { RecordMeterValuesCommand } from './record-meter-values.command.js';

// The hot path (a charging charger sends one every few seconds): its reads and writes go through
// the batch, so that the MeterValues of many chargers cost one query of each kind together, and
// the charger's memo spares the reads while the charger sends nothing but MeterValues.
@CommandHandler(RecordMeterValuesCommand)
export class RecordMeterValuesHandler implements ICommandHandler<RecordMeterValuesCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: RecordMeterValuesCommand): Promise<void> {
    const { chargePointId, connectorId } = cmd;
    await this.uow.run(
      chargePointId,
      async (m, emit, batch) => {
        // what the previous MeterValues of this charger read and wrote, if nothing else ran since
        const memo = batch.memo(chargePointId);
        const txKey = `transaction:${cmd.transactionId}`;
        const connectorMemoKey = `connector:${connectorId}`;
        // a transactionId we never issued to this charger is kept as null, never linked elsewhere
        const found =
          cmd.transactionId && cmd.transactionId > 0 && cmd.transactionId <= INT32_MAX
            ? (memo.get<TransactionEntity>(txKey) ??
              (await batch.load(transactionsById, cmd.transactionId)))
            : undefined;
        const tx = found?.chargePointId === chargePointId ? found : null;
        const { rows, latest } = meterSamples(
          chargePointId,
          connectorId,
          tx?.id ?? null,
          cmd.meterValue,
        );
        batch.defer(meterSampleRows, rows);
        if (tx) memo.set(txKey, tx);
        // connector 0 is the station's main meter: stored, but it has no live connector state
        if (!latest || connectorId === 0) return;
        const connector =
          memo.get<ConnectorEntity>(connectorMemoKey) ??
          (await batch.load(connectorsByKey, connectorKey(chargePointId, connectorId))) ??
          (await findOrCreateConnector(m, chargePointId, connectorId)).connector;
        // offline replays are stored by their own timestamps but do not roll live values back
        if (connector.meterAt && latest.sampledAt < connector.meterAt) return;
        const r = latest.reading;
        const live = tx && !tx.stoppedAt;
        const energyWh =
          live && r.energyRegisterWh !== undefined
            ? new TransactionEnergy(tx.meterStartWh).at(r.energyRegisterWh)
            : connector.energyWh;
        const update = {
          powerW: r.powerW ?? connector.powerW,
          energyWh: energyWh ?? null,
          currentA: r.currentA ?? connector.currentA,
          voltageV: r.voltageV ?? connector.voltageV,
          socPercent: r.socPercent ?? connector.socPercent,
          meterAt: latest.sampledAt,
        };
        const written = { ...connector, ...update };
        batch.defer(connectorMeters, [written]);
        memo.set(connectorMemoKey, written);
        emit('MeterValues', {
          connectorId,
          transactionId: tx?.id ?? null,
          powerW: update.powerW,
          energyWh: update.energyWh,
          ...(r.currentA !== undefined ? { currentA: r.currentA } : {}),
          ...(r.voltageV !== undefined ? { voltageV: r.voltageV } : {}),
          ...(r.socPercent !== undefined ? { socPercent: r.socPercent } : {}),
          sampledAt: latest.sampledAt.toISOString(),
        });
      },
      { keepsMemo: true },
    );
  }
}
