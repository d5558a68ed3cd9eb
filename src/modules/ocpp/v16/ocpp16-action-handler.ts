// One class per OCPP 1.6 action a charger may send: it turns the validated payload into a
// command (or query) and the result into the response the spec prescribes.
export interface Ocpp16ActionHandler<Req = unknown, Res = unknown> {
  readonly action: string;
  handle(chargePointId: string, request: Req): Promise<Res>;
}

export const OCPP16_ACTION_HANDLERS = Symbol('OCPP16_ACTION_HANDLERS');

// Actions that exist in OCPP 1.6 but flow the other way (central system to charger): a charger
// that sends one gets NotSupported, while a name OCPP does not know at all is NotImplemented.
export const OCPP16_CSMS_INITIATED_ACTIONS = [
  'CancelReservation',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetLocalListVersion',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
];
