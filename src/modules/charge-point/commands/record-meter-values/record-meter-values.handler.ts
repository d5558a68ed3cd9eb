import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { storeMeterValues } from '../../persistence/meter-samples.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';
import { RecordMeterValuesCommand } from './record-meter-values.command.js';

@CommandHandler(RecordMeterValuesCommand)
export class RecordMeterValuesHandler implements ICommandHandler<RecordMeterValuesCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute(cmd: RecordMeterValuesCommand): Promise<void> {
    const { chargePointId, connectorId } = cmd;
    await this.uow.run(chargePointId, async (m, emit) => {
      // a transactionId we never issued to this charger is kept as null, never linked elsewhere
      const tx = cmd.transactionId
        ? await m.findOneBy(TransactionEntity, { id: cmd.transactionId, chargePointId })
        : null;
      const latest = await storeMeterValues(
        m,
        chargePointId,
        connectorId,
        tx?.id ?? null,
        cmd.meterValue,
      );
      // connector 0 is the station's main meter: stored, but it has no live connector state
      if (!latest || connectorId === 0) return;
      const { connector } = await findOrCreateConnector(m, chargePointId, connectorId);
      // offline replays are stored by their own timestamps but do not roll live values back
      if (connector.meterAt && latest.sampledAt < connector.meterAt) return;
      const r = latest.reading;
      const live = tx && !tx.stoppedAt;
      const energyWh =
        live && r.energyRegisterWh !== undefined
          ? r.energyRegisterWh - tx.meterStartWh
          : connector.energyWh;
      const update = {
        powerW: r.powerW ?? connector.powerW,
        energyWh: energyWh ?? null,
        currentA: r.currentA ?? connector.currentA,
        voltageV: r.voltageV ?? connector.voltageV,
        socPercent: r.socPercent ?? connector.socPercent,
        meterAt: latest.sampledAt,
      };
      await m.update(ConnectorEntity, { chargePointId, connectorId }, update);
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
    });
  }
}
