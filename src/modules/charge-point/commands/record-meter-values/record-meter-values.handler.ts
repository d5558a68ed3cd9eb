import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { Connector, STATION } from '../../domain/connector.js';
import { Transaction } from '../../domain/transaction.js';
import { RecordMeterValuesCommand } from './record-meter-values.command.js';

// The hot path (a charging charger sends one every few seconds): a readings-only change, which
// the repository batches with other chargers' and may answer from what the charger's previous
// MeterValues read.
@CommandHandler(RecordMeterValuesCommand)
export class RecordMeterValuesHandler implements ICommandHandler<RecordMeterValuesCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute(cmd: RecordMeterValuesCommand): Promise<void> {
    const { chargePointId, connectorId } = cmd;
    await this.chargers.change(
      chargePointId,
      async (change, emit) => {
        // a transactionId we never issued to this charger is kept as null, never linked elsewhere
        const tx = Transaction.isOurId(cmd.transactionId)
          ? await change.findTransaction(cmd.transactionId)
          : null;
        const latest = change.addMeterValues(connectorId, tx?.id ?? null, cmd.meterValue);
        // the station's main meter: stored, but it has no live connector state
        if (!latest || connectorId === STATION) return;
        const { connector } = await change.connector(connectorId);
        // offline replays are stored by their own timestamps but do not roll live values back
        const live = Connector.applyReading(connector, latest, tx);
        if (!live) return;
        change.saveLiveMeter(connector, live);
        const r = latest.reading;
        emit('MeterValues', {
          connectorId,
          transactionId: tx?.id ?? null,
          powerW: live.powerW,
          energyWh: live.energyWh,
          ...(r.currentA !== undefined ? { currentA: r.currentA } : {}),
          ...(r.voltageV !== undefined ? { voltageV: r.voltageV } : {}),
          ...(r.socPercent !== undefined ? { socPercent: r.socPercent } : {}),
          sampledAt: latest.sampledAt.toISOString(),
        });
      },
      { readingsOnly: true },
    );
  }
}
