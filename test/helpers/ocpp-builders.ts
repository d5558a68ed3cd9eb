// Data builders for OCPP 1.6 payloads: valid by default, overridable field by field.

export const aBootNotificationRequest = (o: Record<string, unknown> = {}) => ({
  chargePointVendor: 'ACME',
  chargePointModel: 'X1',
  chargePointSerialNumber: 'SN-1',
  firmwareVersion: '1.2.3',
  ...o,
});

export const aStatusNotificationRequest = (o: Record<string, unknown> = {}) => ({
  connectorId: 1,
  status: 'Available',
  errorCode: 'NoError',
  timestamp: new Date().toISOString(),
  ...o,
});

export const aStartTransactionRequest = (o: Record<string, unknown> = {}) => ({
  connectorId: 1,
  idTag: 'TAG1',
  meterStart: 1000,
  timestamp: '2026-11-25T09:40:00.000Z',
  ...o,
});

export const aStopTransactionRequest = (
  transactionId: number,
  o: Record<string, unknown> = {},
) => ({
  transactionId,
  meterStop: 2530,
  timestamp: '2026-11-25T10:40:00.000Z',
  idTag: 'TAG1',
  reason: 'EVDisconnected',
  ...o,
});

export const aMeterValuesRequest = (o: Record<string, unknown> = {}) => ({
  connectorId: 1,
  meterValue: [
    {
      timestamp: new Date().toISOString(),
      sampledValue: [
        { value: '7.2', measurand: 'Power.Active.Import', unit: 'kW' },
        { value: '2.53', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
      ],
    },
  ],
  ...o,
});
