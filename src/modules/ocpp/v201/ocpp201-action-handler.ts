import type { OcppActionHandler } from '../ocpp-edges.js';

// One class per OCPP 2.0.1 action a charging station may send: it turns the validated payload
// into the same version-neutral charge-point commands as the 1.6 edge, and answers as 2.0.1 says.
export type Ocpp201ActionHandler<Req = unknown, Res = unknown> = OcppActionHandler<Req, Res>;

export const OCPP201_ACTION_HANDLERS = Symbol('OCPP201_ACTION_HANDLERS');

// Actions of OCPP 2.0.1 that only the CSMS sends: a station that sends one gets NotSupported.
export const OCPP201_CSMS_INITIATED_ACTIONS = [
  'CancelReservation',
  'CertificateSigned',
  'ChangeAvailability',
  'ClearCache',
  'ClearChargingProfile',
  'ClearDisplayMessage',
  'ClearVariableMonitoring',
  'CostUpdated',
  'CustomerInformation',
  'DeleteCertificate',
  'GetBaseReport',
  'GetChargingProfiles',
  'GetCompositeSchedule',
  'GetDisplayMessages',
  'GetInstalledCertificateIds',
  'GetLocalListVersion',
  'GetLog',
  'GetMonitoringReport',
  'GetReport',
  'GetTransactionStatus',
  'GetVariables',
  'InstallCertificate',
  'PublishFirmware',
  'RequestStartTransaction',
  'RequestStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'SetDisplayMessage',
  'SetMonitoringBase',
  'SetMonitoringLevel',
  'SetNetworkProfile',
  'SetVariableMonitoring',
  'SetVariables',
  'TriggerMessage',
  'UnlockConnector',
  'UnpublishFirmware',
  'UpdateFirmware',
];
