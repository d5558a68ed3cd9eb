import {
  AC_PROFILES,
  advance,
  powerDemandW,
  startState,
  type ChargeState,
  type CurveInput,
  type Vehicle,
} from './power-curve.js';
import { meterValue, registerWhOf } from './sampled-values.js';

const [AC7, AC11, AC22] = AC_PROFILES;

function aVehicle(overrides: Partial<Vehicle> = {}): Vehicle {
  return { batteryWh: 60_000, maxAcPowerW: 22_000, startSocPercent: 20, ...overrides };
}

function aCurve(overrides: Partial<CurveInput> = {}): CurveInput {
  return { profile: AC22, vehicle: aVehicle(), rampS: 20, ...overrides };
}

/** Runs a session in `stepS` steps for `totalS` seconds; every state on the way. */
function drive(curve: CurveInput, totalS: number, stepS: number, registerWh = 1_000_000) {
  const states: ChargeState[] = [startState(registerWh, curve.vehicle)];
  for (let t = 0; t < totalS; t += stepS) states.push(advance(curve, states.at(-1)!, stepS));
  return states;
}

describe('powerDemandW', () => {
  it('ramps up linearly from nothing to a plateau just under the connector rating', () => {
    const curve = aCurve({ rampS: 20 });

    expect(powerDemandW(curve, 0, 20)).toBe(0);
    expect(powerDemandW(curve, 10, 20)).toBeCloseTo(22_000 * 0.97 * 0.5);
    expect(powerDemandW(curve, 20, 20)).toBeCloseTo(22_000 * 0.97);
    expect(powerDemandW(curve, 600, 20)).toBeCloseTo(22_000 * 0.97);
  });

  it('draws what the lesser of the connector and the car allows', () => {
    const car11 = aVehicle({ maxAcPowerW: 11_000 });

    expect(powerDemandW(aCurve({ profile: AC22, vehicle: car11 }), 60, 20)).toBeCloseTo(10_670);
    expect(powerDemandW(aCurve({ profile: AC7, vehicle: car11 }), 60, 20)).toBeCloseTo(7_178);
  });

  it('never exceeds the connector rating, whatever the noise', () => {
    expect(powerDemandW(aCurve({ profile: AC11 }), 60, 20, 1.2)).toBe(11_000);
  });

  it('tapers linearly above 80 % SoC to a tenth of the plateau, and stops when full', () => {
    const curve = aCurve();
    const plateau = 22_000 * 0.97;

    expect(powerDemandW(curve, 60, 80)).toBeCloseTo(plateau);
    expect(powerDemandW(curve, 60, 90)).toBeCloseTo(plateau * 0.55);
    expect(powerDemandW(curve, 60, 99.999)).toBeCloseTo(plateau * 0.1, -1);
    expect(powerDemandW(curve, 60, 100)).toBe(0);
  });
});

describe('advance', () => {
  it('grows the register by the energy of the reported power (trapezoid between samples)', () => {
    const states = drive(aCurve({ rampS: 30 }), 600, 10);

    for (let i = 1; i < states.length; i++) {
      const [before, after] = [states[i - 1], states[i]];
      const expectedWh = (((before.powerW + after.powerW) / 2) * 10) / 3600;
      expect(after.registerWh - before.registerWh).toBeCloseTo(expectedWh, 9);
    }
  });

  it('at a steady 11 kW puts about 11 kWh in an hour', () => {
    const curve = aCurve({ profile: AC11, rampS: 0, vehicle: aVehicle({ batteryWh: 200_000 }) });
    const states = drive(curve, 3600, 10);

    // the first interval starts from 0 W (the trapezoid's first half): a few Wh less
    expect(states.at(-1)!.registerWh - 1_000_000).toBeCloseTo(11_000 * 0.97 - 15, 0);
  });

  it('raises SoC by the energy over the battery capacity', () => {
    const curve = aCurve({ vehicle: aVehicle({ batteryWh: 50_000, startSocPercent: 30 }) });
    const end = drive(curve, 1800, 10).at(-1)!;

    expect(end.socPercent - 30).toBeCloseTo(((end.registerWh - 1_000_000) / 50_000) * 100, 9);
  });

  it('fills the battery and no more: SoC stops at 100, power drops to 0, the register stays', () => {
    const vehicle = aVehicle({ batteryWh: 40_000, startSocPercent: 95 });
    const states = drive(aCurve({ vehicle }), 7200, 10);
    const end = states.at(-1)!;

    expect(end.socPercent).toBe(100);
    expect(end.powerW).toBe(0);
    expect(end.registerWh - 1_000_000).toBeCloseTo(2_000, 6); // the 5 % that was left
    // and it took the taper to get there: the last minutes were well under the plateau
    const lastCharging = states.filter((s) => s.powerW > 0).at(-1)!;
    expect(lastCharging.powerW).toBeLessThan(22_000 * 0.97 * 0.2);
  });

  it('never lets the reported register go back', () => {
    const states = drive(aCurve({ rampS: 5 }), 3600, 7, 123_456);
    const reported = states.map((s) => registerWhOf({ ...s }));

    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(reported[0]).toBe(123_456);
  });

  it('stands still for a zero interval', () => {
    const s = drive(aCurve(), 60, 10).at(-1)!;

    expect(advance(aCurve(), s, 0).registerWh).toBe(s.registerWh);
  });
});

describe('meterValue', () => {
  const at = new Date('2026-11-25T10:00:00.000Z');
  const state: ChargeState = {
    elapsedS: 60,
    registerWh: 1_530.4,
    socPercent: 42.7,
    powerW: 11_040,
  };

  it('reports Wh, W, per-phase A and V, and SoC as an AC meter does', () => {
    const value = meterValue(AC11, state, at, 'Sample.Periodic');
    const byKey = Object.fromEntries(
      value.sampledValue.map((v) => [`${v.measurand}${v.phase ? `/${v.phase}` : ''}`, v]),
    );

    expect(value.timestamp).toBe('2026-11-25T10:00:00.000Z');
    expect(byKey['Energy.Active.Import.Register']).toMatchObject({ value: '1530', unit: 'Wh' });
    expect(byKey['Power.Active.Import']).toMatchObject({ value: '11040', unit: 'W' });
    for (const phase of ['L1', 'L2', 'L3']) {
      expect(byKey[`Current.Import/${phase}`]).toMatchObject({ value: '16.0', unit: 'A' });
      expect(byKey[`Voltage/${phase}-N`]).toMatchObject({ value: '230.0', unit: 'V' });
    }
    expect(byKey.SoC).toMatchObject({ value: '42', unit: 'Percent', location: 'EV' });
    expect(value.sampledValue.every((v) => v.context === 'Sample.Periodic')).toBe(true);
  });

  it('reports one phase for a single-phase connector', () => {
    const value = meterValue(AC7, { ...state, powerW: 7_360 }, at, 'Transaction.End');
    const currents = value.sampledValue.filter((v) => v.measurand === 'Current.Import');

    expect(currents).toEqual([expect.objectContaining({ phase: 'L1', value: '32.0' })]);
  });
});
