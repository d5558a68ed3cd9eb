import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthenticateChargePointHandler } from './commands/authenticate-charge-point/authenticate-charge-point.handler.js';
import { ConnectChargePointHandler } from './commands/connect-charge-point/connect-charge-point.handler.js';
import { DisconnectChargePointHandler } from './commands/disconnect-charge-point/disconnect-charge-point.handler.js';
import { MarkOrphanedOfflineHandler } from './commands/mark-orphaned-offline/mark-orphaned-offline.handler.js';
import { RecordBootNotificationHandler } from './commands/record-boot-notification/record-boot-notification.handler.js';
import { RecordFirmwareStatusHandler } from './commands/record-firmware-status/record-firmware-status.handler.js';
import { RecordHeartbeatHandler } from './commands/record-heartbeat/record-heartbeat.handler.js';
import { RecordMeterValuesHandler } from './commands/record-meter-values/record-meter-values.handler.js';
import { RecordStatusNotificationHandler } from './commands/record-status-notification/record-status-notification.handler.js';
import { StartTransactionHandler } from './commands/start-transaction/start-transaction.handler.js';
import { StopTransactionHandler } from './commands/stop-transaction/stop-transaction.handler.js';
import { ChargePointUnitOfWork } from './persistence/charge-point-unit-of-work.js';
import { ChargePointEntity } from './persistence/charge-point.entity.js';
import { ConnectorEntity } from './persistence/connector.entity.js';
import { MeterValueSampleEntity } from './persistence/meter-value-sample.entity.js';
import { TransactionEntity } from './persistence/transaction.entity.js';
import { UnmatchedStopTransactionEntity } from './persistence/unmatched-stop-transaction.entity.js';

export const chargePointEntities = [
  ChargePointEntity,
  ConnectorEntity,
  TransactionEntity,
  MeterValueSampleEntity,
  UnmatchedStopTransactionEntity,
];

const commandHandlers = [
  AuthenticateChargePointHandler,
  ConnectChargePointHandler,
  DisconnectChargePointHandler,
  MarkOrphanedOfflineHandler,
  RecordBootNotificationHandler,
  RecordHeartbeatHandler,
  RecordStatusNotificationHandler,
  RecordMeterValuesHandler,
  StartTransactionHandler,
  StopTransactionHandler,
  RecordFirmwareStatusHandler,
];

@Module({
  imports: [TypeOrmModule.forFeature(chargePointEntities)],
  providers: [ChargePointUnitOfWork, ...commandHandlers],
})
export class ChargePointModule {}
