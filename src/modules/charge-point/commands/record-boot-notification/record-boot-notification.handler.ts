import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { RecordBootNotificationCommand } from './record-boot-notification.command.js';

@CommandHandler(RecordBootNotificationCommand)
export class RecordBootNotificationHandler implements ICommandHandler<RecordBootNotificationCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, boot }: RecordBootNotificationCommand): Promise<void> {
    await this.uow.run(chargePointId, async (m, emit) => {
      const now = new Date();
      await m.update(ChargePointEntity, chargePointId, {
        vendor: boot.chargePointVendor,
        model: boot.chargePointModel,
        serialNumber: boot.chargePointSerialNumber ?? boot.chargeBoxSerialNumber ?? null,
        firmwareVersion: boot.firmwareVersion ?? null,
        iccid: boot.iccid ?? null,
        imsi: boot.imsi ?? null,
        meterType: boot.meterType ?? null,
        meterSerialNumber: boot.meterSerialNumber ?? null,
        bootedAt: now,
        lastSeenAt: now,
      });
      const cp = await m.findOneByOrFail(ChargePointEntity, { id: chargePointId });
      const connectors = await m.find(ConnectorEntity, {
        where: { chargePointId },
        order: { connectorId: 'ASC' },
      });
      emit('ChargePointBooted', {
        vendor: boot.chargePointVendor,
        model: boot.chargePointModel,
        firmwareVersion: boot.firmwareVersion ?? null,
        connectorCount: cp.connectorCount,
        connectors: connectors.map((c) => ({
          connectorId: c.connectorId,
          type: c.type,
          maxPowerW: c.maxPowerW,
          maxCurrentA: c.maxCurrentA,
        })),
      });
    });
  }
}
