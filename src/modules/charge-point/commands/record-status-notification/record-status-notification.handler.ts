import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargePointUnitOfWork } from '../../persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { findOrCreateConnector } from '../../persistence/connector-rows.js';
import { ConnectorStatus } from '../../domain/connector-status.js';
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
      const change = ConnectorStatus.applyReport(created ? null : connector, {
        ...report,
        at: report.timestamp ? new Date(report.timestamp) : new Date(),
      });
      if (!change) return;
      await m.update(
        ConnectorEntity,
        { chargePointId, connectorId: report.connectorId },
        change.next,
      );
      if (change.changed) emit('ConnectorStatusChanged', { ...event, status: change.next.status });
    });
  }
}
