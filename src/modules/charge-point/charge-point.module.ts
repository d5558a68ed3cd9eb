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
import { PublishCommandEventHandler } from './commands/publish-command-event/publish-command-event.handler.js';
import { ChargePointsController } from './charge-points.controller.js';
import { ConfigureConnectorHandler } from './commands/configure-connector/configure-connector.handler.js';
import { RemoveChargePointHandler } from './commands/remove-charge-point/remove-charge-point.handler.js';
import { UpdateChargePointHandler } from './commands/update-charge-point/update-charge-point.handler.js';
import { ListActiveTransactionsOfIdTagHandler } from './queries/active-transactions/active-transactions.handler.js';
import {
  GetTransactionHandler,
  ListTransactionsHandler,
} from './queries/list-transactions/list-transactions.handler.js';
import { TransactionReader } from './queries/list-transactions/transaction-reader.js';
import { TransactionsController } from './transactions.controller.js';
import { MeterHistoryController } from './meter-history.controller.js';
import { MeterHistoryHandler } from './queries/meter-history/meter-history.handler.js';
import { ListChargePointsHandler } from './queries/list-charge-points/list-charge-points.handler.js';
import { RegisterChargePointHandler } from './commands/register-charge-point/register-charge-point.handler.js';
import { ChangeSecurityHandler } from './commands/change-security/change-security.handler.js';
import {
  GetOwnershipHandler,
  ListOnlineChargePointIdsHandler,
  ListOwnedChargePointIdsHandler,
} from './queries/get-ownership/get-ownership.handler.js';
import { GetOcppTransactionIdHandler } from './queries/get-ocpp-transaction-id/get-ocpp-transaction-id.handler.js';
import { GetSnapshotsHandler } from './queries/get-snapshots/get-snapshots.handler.js';
import { SnapshotReader } from './queries/get-snapshots/snapshot-reader.js';
import { ChargePointUnitOfWork } from './persistence/charge-point-unit-of-work.js';
import { TypeOrmChargerRepository } from './persistence/typeorm-charger-repository.js';
import { ChargerRepository } from './domain/charger-repository.js';
import { ChargerCredentialsRepository } from './domain/charger-credentials.js';
import { TypeOrmChargerCredentials } from './persistence/typeorm-charger-credentials.js';
import { ChargePointEntity } from './persistence/charge-point.entity.js';
import { ConnectorEntity } from './persistence/connector.entity.js';
import { MeterValueSampleEntity } from './persistence/meter-value-sample.entity.js';
import { TransactionEntity } from './persistence/transaction.entity.js';
import { TransactionEventSeqNoEntity } from './persistence/transaction-event-seq-no.entity.js';
import { UnmatchedStopTransactionEntity } from './persistence/unmatched-stop-transaction.entity.js';

export const chargePointEntities = [
  ChargePointEntity,
  ConnectorEntity,
  TransactionEntity,
  MeterValueSampleEntity,
  UnmatchedStopTransactionEntity,
  TransactionEventSeqNoEntity,
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
  RegisterChargePointHandler,
  ConfigureConnectorHandler,
  PublishCommandEventHandler,
  ChangeSecurityHandler,
  UpdateChargePointHandler,
  RemoveChargePointHandler,
];

const queryHandlers = [
  GetSnapshotsHandler,
  GetOwnershipHandler,
  ListOwnedChargePointIdsHandler,
  ListOnlineChargePointIdsHandler,
  GetOcppTransactionIdHandler,
  ListChargePointsHandler,
  ListActiveTransactionsOfIdTagHandler,
  ListTransactionsHandler,
  GetTransactionHandler,
  MeterHistoryHandler,
];

@Module({
  imports: [TypeOrmModule.forFeature(chargePointEntities)],
  controllers: [ChargePointsController, TransactionsController, MeterHistoryController],
  providers: [
    ChargePointUnitOfWork,
    { provide: ChargerRepository, useClass: TypeOrmChargerRepository },
    { provide: ChargerCredentialsRepository, useClass: TypeOrmChargerCredentials },
    SnapshotReader,
    TransactionReader,
    ...commandHandlers,
    ...queryHandlers,
  ],
})
export class ChargePointModule {}
