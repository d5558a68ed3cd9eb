// Data builders for OCPP 2.0.1 payloads: valid by default, overridable field by field.

export const aBootNotification201 = (o: Record<string, unknown> = {}) => ({
  reason: 'PowerUp',
  chargingStation: {
    vendorName: 'ACME',
    model: 'X2',
    serialNumber: 'SN-2',
    firmwareVersion: '2.0.1',
  },
  ...o,
});

export const aStatusNotification201 = (o: Record<string, unknown> = {}) => ({
  timestamp: new Date().toISOString(),
  connectorStatus: 'Available',
  evseId: 1,
  connectorId: 1,
  ...o,
});

/** One meter value: the register in `kWh` and, when given, the power in `kW`. */
export const aMeterValue201 = (
  timestamp: string,
  registerKWh: number,
  o: { powerKW?: number; context?: string } = {},
) => ({
  timestamp,
  sampledValue: [
    {
      value: registerKWh,
      measurand: 'Energy.Active.Import.Register',
      unitOfMeasure: { unit: 'kWh' },
      ...(o.context ? { context: o.context } : {}),
    },
    ...(o.powerKW !== undefined
      ? [{ value: o.powerKW, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }]
      : []),
  ],
});

export const aTransactionEvent = (
  eventType: 'Started' | 'Updated' | 'Ended',
  seqNo: number,
  o: Record<string, unknown> = {},
) => ({
  eventType,
  timestamp: '2026-11-25T09:40:00.000Z',
  triggerReason:
    eventType === 'Started'
      ? 'Authorized'
      : eventType === 'Ended'
        ? 'StopAuthorized'
        : 'MeterValuePeriodic',
  seqNo,
  transactionInfo: { transactionId: 'TX-201-1' },
  ...o,
});
