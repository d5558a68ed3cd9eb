import { energyRegisterWh } from '../../charge-point/index.js';
import { meterValuesOf } from './sampled-values.js';

describe('2.0.1 sampled values', () => {
  it('applies the multiplier and keeps the unit, measurand, phase, location and context', () => {
    const [mv] = meterValuesOf([
      {
        timestamp: '2026-11-25T10:00:00.000Z',
        sampledValue: [
          {
            value: 72,
            measurand: 'Power.Active.Import',
            phase: 'L1',
            location: 'Outlet',
            context: 'Sample.Periodic',
            unitOfMeasure: { unit: 'W', multiplier: 2 },
          },
        ],
      },
    ]);
    expect(mv.sampledValue).toEqual([
      {
        value: 7200,
        measurand: 'Power.Active.Import',
        phase: 'L1',
        location: 'Outlet',
        context: 'Sample.Periodic',
        unit: 'W',
      },
    ]);
  });

  it('reads the register in Wh: kWh scaled, a negative multiplier applied, the newest one taken', () => {
    const meterValues = meterValuesOf([
      {
        timestamp: '2026-11-25T10:05:00.000Z',
        sampledValue: [{ value: 25001, unitOfMeasure: { unit: 'Wh', multiplier: -1 } }],
      },
      {
        timestamp: '2026-11-25T10:00:00.000Z',
        sampledValue: [{ value: 2.4, unitOfMeasure: { unit: 'kWh' } }],
      },
    ]);
    expect(energyRegisterWh(meterValues)).toBeCloseTo(2500.1);
  });

  it('has no register when none was sampled', () => {
    const meterValues = meterValuesOf([
      {
        timestamp: '2026-11-25T10:00:00.000Z',
        sampledValue: [{ value: 11, measurand: 'Power.Active.Import' }],
      },
    ]);
    expect(energyRegisterWh(meterValues)).toBeUndefined();
    expect(meterValuesOf(undefined)).toEqual([]);
  });
});
