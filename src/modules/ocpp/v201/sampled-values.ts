import type { OCPP20 } from 'typed-ocpp';
import type { MeterValueInput } from '../../charge-point/index.js';

// 2.0.1 sends numbers with a unit of measure and a power-of-ten multiplier; the charger model
// takes the value with its unit, the multiplier applied (kWh x 10^3 stays kWh, scaled later).
export function meterValuesOf(meterValues: OCPP20.MeterValueType[] | undefined): MeterValueInput[] {
  return (meterValues ?? []).map((mv) => ({
    timestamp: mv.timestamp,
    sampledValue: mv.sampledValue.map((sv) => ({
      value: sv.value * 10 ** (sv.unitOfMeasure?.multiplier ?? 0),
      ...(sv.context !== undefined ? { context: sv.context } : {}),
      ...(sv.measurand !== undefined ? { measurand: sv.measurand } : {}),
      ...(sv.phase !== undefined ? { phase: sv.phase } : {}),
      ...(sv.location !== undefined ? { location: sv.location } : {}),
      ...(sv.unitOfMeasure?.unit !== undefined ? { unit: sv.unitOfMeasure.unit } : {}),
    })),
  }));
}
