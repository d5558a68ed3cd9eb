import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { RecordStatusNotificationCommand } from './record-status-notification.command.js';

@CommandHandler(RecordStatusNotificationCommand)
export class RecordStatusNotificationHandler implements ICommandHandler<RecordStatusNotificationCommand> {
  constructor(private readonly uow: ChargePointUnitOfWork) {}

  async execute({ chargePointId, report }: RecordStatusNotificationCommand): Promise<void> {
    const errorCode = report.errorCode ?? 'NoError';
    const ocppStatus = report.ocppStatus ?? null;
    const event = {
      connectorId: report.connectorId,
      status: report.status,
      errorCode,
      ...(report.info !== undefined ? { info: report.info } : {}),
      ...(ocppStatus !== null ? { ocppStatus } : {}),
    };
    await this.uow.run(chargePointId, async (m, emit) => {
      if (report.connectorId === 0) {
        // connector 0 is the whole station: kept on the charge point, not counted as a connector
        await m.update(ChargePointEntity, chargePointId, {
          stationStatus: report.status,
          stationErrorCode: errorCode,
        });
        emit('ConnectorStatusChanged', event);
        return;
      }
      const { connector, created } = await findOrCreateConnector(
        m,
        chargePointId,
        report.connectorId,
      );
      const at = report.timestamp ? new Date(report.timestamp) : new Date();
      // an offline replay older than what we already hold must not roll the state back
      if (!created && connector.statusAt && at < connector.statusAt) return;
      // "in use" says less than the Charging or SuspendedEV a transaction already reported
      const status =
        report.coarse && connector.transactionId !== null ? connector.status : report.status;
      const changed =
        created ||
        connector.status !== status ||
        connector.ocppStatus !== ocppStatus ||
        connector.errorCode !== errorCode ||
        connector.info !== (report.info ?? null);
      await m.update(
        ConnectorEntity,
        { chargePointId, connectorId: report.connectorId },
        {
          status,
          ocppStatus,
          errorCode,
          info: report.info ?? null,
          vendorErrorCode: report.vendorErrorCode ?? null,
          statusAt: at,
        },
      );
      if (changed) emit('ConnectorStatusChanged', { ...event, status });
    });
  }
}
