import { currentPerPhaseA, type ChargeState, type ConnectorProfile } from './power-curve.js';

// One OCPP 1.6 MeterValue as a real AC meter reports it: the register in Wh, the total power in
// W, current and voltage per phase, and the car's SoC.

export type ReadingContext =
  'Sample.Periodic' | 'Transaction.Begin' | 'Transaction.End' | 'Trigger';

export interface SampledValue {
  value: string;
  context: ReadingContext;
  measurand: string;
  unit: string;
  location: 'Outlet' | 'EV';
  phase?: string;
}

export interface MeterValue {
  timestamp: string;
  sampledValue: SampledValue[];
}

const PHASES = ['L1', 'L2', 'L3'] as const;

/** The register is reported in whole Wh, rounded from the exact sum so it never goes back. */
export const registerWhOf = (s: ChargeState) => Math.round(s.registerWh);

export function meterValue(
  profile: ConnectorProfile,
  state: ChargeState,
  at: Date,
  context: ReadingContext,
  voltageV = profile.voltageV,
): MeterValue {
  const outlet = { context, location: 'Outlet' as const };
  const values: SampledValue[] = [
    {
      ...outlet,
      measurand: 'Energy.Active.Import.Register',
      unit: 'Wh',
      value: String(registerWhOf(state)),
    },
    { ...outlet, measurand: 'Power.Active.Import', unit: 'W', value: state.powerW.toFixed(0) },
  ];
  const currentA = currentPerPhaseA(profile, state.powerW, voltageV);
  for (const phase of PHASES.slice(0, profile.phases)) {
    values.push({
      ...outlet,
      measurand: 'Current.Import',
      unit: 'A',
      phase,
      value: currentA.toFixed(1),
    });
    values.push({
      ...outlet,
      measurand: 'Voltage',
      unit: 'V',
      phase: `${phase}-N`,
      value: voltageV.toFixed(1),
    });
  }
  values.push({
    context,
    location: 'EV',
    measurand: 'SoC',
    unit: 'Percent',
    value: Math.floor(state.socPercent).toString(),
  });
  return { timestamp: at.toISOString(), sampledValue: values };
}

/** An idle connector's reading (TriggerMessage MeterValues): its register alone. */
export function registerReading(registerWh: number, at: Date): MeterValue {
  const value = String(Math.round(registerWh));
  return {
    timestamp: at.toISOString(),
    sampledValue: [
      {
        value,
        context: 'Trigger',
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
        location: 'Outlet',
      },
    ],
  };
}
