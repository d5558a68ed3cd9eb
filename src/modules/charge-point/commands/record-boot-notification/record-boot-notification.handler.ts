import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { Charger } from '../../domain/charger.js';
import { RecordBootNotificationCommand } from './record-boot-notification.command.js';

@CommandHandler(RecordBootNotificationCommand)
export class RecordBootNotificationHandler implements ICommandHandler<RecordBootNotificationCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

  async execute({ chargePointId, boot }: RecordBootNotificationCommand): Promise<void> {
    await this.chargers.change(chargePointId, async (change, emit) => {
      // first thing, so that the reads of all the batch's changes go together; the boot
      // changes neither the connector count nor the connectors
      const state = await change.loadCharger();
      if (!state) throw new Error(`Charge point ${chargePointId} is gone`);
      const charger = new Charger(state);
      await change.saveBoot(Charger.boot(boot, new Date()));
      emit('ChargePointBooted', {
        vendor: boot.vendor,
        model: boot.model,
        firmwareVersion: boot.firmwareVersion ?? null,
        connectorCount: state.connectorCount,
        connectors: charger.connectors,
      });
    });
  }
}
