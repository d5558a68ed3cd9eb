// The charge-point module's public surface: the commands other modules send on the bus.
export { AuthenticateChargePointCommand } from './commands/authenticate-charge-point/authenticate-charge-point.command.js';
export { ConfigureConnectorCommand } from './commands/configure-connector/configure-connector.command.js';
export { ConnectChargePointCommand } from './commands/connect-charge-point/connect-charge-point.command.js';
export {
  DisconnectChargePointCommand,
  type OfflineReason,
} from './commands/disconnect-charge-point/disconnect-charge-point.command.js';
export { MarkOrphanedOfflineCommand } from './commands/mark-orphaned-offline/mark-orphaned-offline.command.js';
export { RecordBootNotificationCommand } from './commands/record-boot-notification/record-boot-notification.command.js';
export { RecordFirmwareStatusCommand } from './commands/record-firmware-status/record-firmware-status.command.js';
export { RecordHeartbeatCommand } from './commands/record-heartbeat/record-heartbeat.command.js';
export { RecordMeterValuesCommand } from './commands/record-meter-values/record-meter-values.command.js';
export {
  RecordStatusNotificationCommand,
  type StatusReport,
} from './commands/record-status-notification/record-status-notification.command.js';
export { StartTransactionCommand } from './commands/start-transaction/start-transaction.command.js';
export { StopTransactionCommand } from './commands/stop-transaction/stop-transaction.command.js';
export {
  energyRegisterWh,
  type MeterValueInput,
  type SampledValueInput,
} from './domain/meter-values.js';
