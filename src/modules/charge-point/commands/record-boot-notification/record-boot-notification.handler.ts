import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { chargePointsById, connectorsOfChargePoint } from '../../persistence/batch-rows.js';
import { RecordBootNotificationCommand } from './record-boot-notification.command.js';

@CommandHandler(RecordBootNotificationCommand)
export class RecordBootNotificationHandler implements ICommandHandler<RecordBootNotificationCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, boot }: RecordBootNotificationCommand): Promise<void> {
    await this.uow.run(chargePointId, async (m, emit, batch) => {
      // read through the batch, first thing (so that the reads of all units go together): a
      // reconnect storm boots thousands of chargers at once; the update changes neither
      const [cp, connectors] = await Promise.all([
        batch.load(chargePointsById, chargePointId),
        batch.load(connectorsOfChargePoint, chargePointId),
      ]);
      if (!cp) throw new Error(`Charge point ${chargePointId} is gone`);
      const now = new Date();
      await m.update(ChargePointEntity, chargePointId, {
        vendor: boot.vendor,
        model: boot.model,
        serialNumber: boot.serialNumber ?? null,
        firmwareVersion: boot.firmwareVersion ?? null,
        iccid: boot.iccid ?? null,
        imsi: boot.imsi ?? null,
        meterType: boot.meterType ?? null,
        meterSerialNumber: boot.meterSerialNumber ?? null,
        bootedAt: now,
        lastSeenAt: now,
      });
      emit('ChargePointBooted', {
        vendor: boot.vendor,
        model: boot.model,
        firmwareVersion: boot.firmwareVersion ?? null,
        connectorCount: cp.connectorCount,
        connectors: (connectors ?? []).map((c) => ({
          connectorId: c.connectorId,
          type: c.type,
          maxPowerW: c.maxPowerW,
          maxCurrentA: c.maxCurrentA,
        })),
      });
    });
  }
}
