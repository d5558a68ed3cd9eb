/**
 * A MeterValues request as a charging AC charger sends it: power, energy register, current and
 * voltage. `powerW` carries a number the bench can recognise in the event it becomes.
 */
export function meterValuesRequest(
  transactionId: number | undefined,
  powerW: number,
  energyWh: number,
  at: number,
) {
  return {
    connectorId: 1,
    ...(transactionId === undefined ? {} : { transactionId }),
    meterValue: [
      {
        timestamp: new Date(at).toISOString(),
        sampledValue: [
          { value: String(powerW), measurand: 'Power.Active.Import', unit: 'W' },
          { value: String(energyWh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: '16.0', measurand: 'Current.Import', unit: 'A' },
          { value: '230.0', measurand: 'Voltage', unit: 'V' },
        ],
      },
    ],
  };
}

/** Strictly increasing timestamps per charger (the server ignores readings older than its state). */
export function chargerClock(n: number): (index: number) => number {
  const last = new Float64Array(n);
  return (index) => (last[index] = Math.max(last[index] + 1, Date.now()));
}
