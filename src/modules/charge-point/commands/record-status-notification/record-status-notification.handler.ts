import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ChargerRepository } from '../../domain/charger-repository.js';
import { STATION } from '../../domain/connector.js';
import { ConnectorStatus } from '../../domain/connector-status.js';
import { RecordStatusNotificationCommand } from './record-status-notification.command.js';

@CommandHandler(RecordStatusNotificationCommand)
export class RecordStatusNotificationHandler implements ICommandHandler<RecordStatusNotificationCommand> {
  constructor(private readonly chargers: ChargerRepository) {}

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
    await this.chargers.change(chargePointId, async (change, emit) => {
      if (report.connectorId === STATION) {
        // the whole station: kept on the charge point, not counted as a connector
        await change.saveStationStatus(report.status, errorCode);
        emit('ConnectorStatusChanged', event);
        return;
      }
      const { connector, created } = await change.connector(report.connectorId);
      const next = ConnectorStatus.applyReport(created ? null : connector, {
        ...report,
        at: report.timestamp ? new Date(report.timestamp) : new Date(),
      });
      if (!next) return;
      await change.saveConnectorStatus(report.connectorId, next.next);
      if (next.changed) emit('ConnectorStatusChanged', { ...event, status: next.next.status });
    });
  }
}
