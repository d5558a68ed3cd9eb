import {
  normaliseSample,
  readingOf,
  type NormalisedSample,
  type SampledValueInput,
} from './meter-values.js';

function aSampledValue(overrides: Partial<SampledValueInput> = {}): SampledValueInput {
  return { value: '0', ...overrides };
}

// readingOf works on normalised samples; building them through normaliseSample keeps the
// fixtures honest about units.
function samples(...inputs: Partial<SampledValueInput>[]): NormalisedSample[] {
  return inputs.map((input) => normaliseSample(aSampledValue(input)));
}

describe('normaliseSample', () => {
  it('assumes Energy.Active.Import.Register in Wh when neither measurand nor unit is given', () => {
    const sample = normaliseSample(aSampledValue({ value: '1530' }));

    expect(sample.measurand).toBe('Energy.Active.Import.Register');
    expect(sample.unit).toBe('Wh');
    expect(sample.value).toBe(1530);
    expect(sample.rawUnit).toBeNull();
  });

  it('converts kWh to Wh and remembers the unit the charger used', () => {
    const sample = normaliseSample(aSampledValue({ value: '12.5', unit: 'kWh' }));

    expect(sample.unit).toBe('Wh');
    expect(sample.value).toBeCloseTo(12_500);
    expect(sample.rawValue).toBe('12.5');
    expect(sample.rawUnit).toBe('kWh');
  });

  it('converts kW to W', () => {
    const sample = normaliseSample(
      aSampledValue({ measurand: 'Power.Active.Import', value: '7.2', unit: 'kW' }),
    );

    expect(sample.unit).toBe('W');
    expect(sample.value).toBeCloseTo(7200);
  });

  it('converts kvarh to varh', () => {
    const sample = normaliseSample(
      aSampledValue({ measurand: 'Energy.Reactive.Import.Register', value: '3', unit: 'kvarh' }),
    );

    expect(sample.unit).toBe('varh');
    expect(sample.value).toBe(3000);
  });

  it('leaves base units as they are', () => {
    const sample = normaliseSample(
      aSampledValue({ measurand: 'Power.Active.Import', value: '7200', unit: 'W' }),
    );

    expect(sample.unit).toBe('W');
    expect(sample.value).toBe(7200);
  });

  it.each([
    ['Energy.Active.Import.Register', 'Wh'],
    ['Energy.Active.Export.Interval', 'Wh'],
    ['Energy.Reactive.Import.Register', 'varh'],
    ['Power.Active.Import', 'W'],
    ['Power.Offered', 'W'],
    ['Power.Reactive.Import', 'var'],
    ['Current.Import', 'A'],
    ['Current.Offered', 'A'],
    ['Voltage', 'V'],
    ['SoC', 'Percent'],
  ])('gives %s its default unit %s when none is sent', (measurand, unit) => {
    expect(normaliseSample(aSampledValue({ measurand, value: '1' })).unit).toBe(unit);
  });

  it.each(['Power.Factor', 'Frequency', 'RPM'])(
    'gives %s no unit when none is sent',
    (measurand) => {
      const sample = normaliseSample(aSampledValue({ measurand, value: '0.98' }));

      expect(sample.unit).toBeNull();
      expect(sample.value).toBe(0.98);
    },
  );

  it('does not scale a default unit, only a kilo-unit the charger sent', () => {
    const sample = normaliseSample(
      aSampledValue({ measurand: 'Power.Active.Import', value: '22' }),
    );

    expect(sample.value).toBe(22);
  });

  it('gives SignedData no numeric value but keeps the raw value', () => {
    const signed = 'AP;0;3;ALCV3ABBBISHMA2RYEGAZE3HV5YQBQRQAEHAR2MH;BIHEIWSHAAA';
    const sample = normaliseSample(aSampledValue({ value: signed, format: 'SignedData' }));

    expect(sample.value).toBeNull();
    expect(sample.rawValue).toBe(signed);
    expect(sample.format).toBe('SignedData');
  });

  it('does not read a number out of SignedData even when it looks numeric', () => {
    const sample = normaliseSample(aSampledValue({ value: '1234', format: 'SignedData' }));

    expect(sample.value).toBeNull();
    expect(sample.rawValue).toBe('1234');
  });

  it('reads a Raw-format value as a number', () => {
    expect(normaliseSample(aSampledValue({ value: '42', format: 'Raw' })).value).toBe(42);
  });

  it.each(['abc', '12kWh', 'NaN', 'Infinity'])(
    'gives the non-numeric value %j null and keeps it raw',
    (value) => {
      const sample = normaliseSample(aSampledValue({ value }));

      expect(sample.value).toBeNull();
      expect(sample.rawValue).toBe(value);
    },
  );

  it('keeps a non-numeric kilo-unit value null instead of scaling it', () => {
    const sample = normaliseSample(aSampledValue({ value: 'n/a', unit: 'kWh' }));

    expect(sample.value).toBeNull();
    expect(sample.unit).toBe('Wh');
  });

  it.each(['', '   '])('gives the empty value %j null, not 0', (value) => {
    const sample = normaliseSample(aSampledValue({ value }));

    expect(sample.value).toBeNull();
    expect(sample.rawValue).toBe(value);
  });

  it('reads zero and negative values', () => {
    expect(normaliseSample(aSampledValue({ value: '0' })).value).toBe(0);
    expect(
      normaliseSample(
        aSampledValue({ measurand: 'Power.Active.Import', value: '-1.5', unit: 'kW' }),
      ).value,
    ).toBeCloseTo(-1500);
  });

  it('carries phase, location, context and format through, null when absent', () => {
    const full = normaliseSample(
      aSampledValue({
        value: '1',
        phase: 'L2',
        location: 'Outlet',
        context: 'Sample.Periodic',
        format: 'Raw',
      }),
    );
    const bare = normaliseSample(aSampledValue({ value: '1' }));

    expect(full).toMatchObject({
      phase: 'L2',
      location: 'Outlet',
      context: 'Sample.Periodic',
      format: 'Raw',
    });
    expect(bare).toMatchObject({ phase: null, location: null, context: null, format: null });
  });
});

describe('normaliseSample: decimal values only', () => {
  it.each(['0x10', '0b1', '', '   ', '1,5', 'Infinity'])('reads %p as no value', (value) => {
    const sample = normaliseSample(aSampledValue({ value }));
    expect(sample.value).toBeNull();
    expect(sample.rawValue).toBe(value);
  });

  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    [' 7 ', 7],
  ])('reads %p as %p', (value, expected) => {
    expect(normaliseSample(aSampledValue({ value })).value).toBe(expected);
  });
});

describe('readingOf', () => {
  it('averages only phase-to-neutral voltages when phase-to-phase ones come too', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Voltage', phase: 'L1-N', value: '230' },
        { measurand: 'Voltage', phase: 'L2-N', value: '232' },
        { measurand: 'Voltage', phase: 'L1-L2', value: '400' },
      ),
    );
    expect(reading.voltageV).toBe(231);
  });

  it('returns an empty reading for no samples', () => {
    expect(readingOf([])).toEqual({});
  });

  it('leaves out the keys of measurands that were not sampled', () => {
    const reading = readingOf(samples({ measurand: 'Power.Active.Import', value: '7200' }));

    expect(reading).toEqual({ powerW: 7200 });
    expect(Object.keys(reading)).toEqual(['powerW']);
  });

  it('maps every measurand it knows to its reading key', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Power.Active.Import', value: '7.2', unit: 'kW' },
        { value: '1.53', unit: 'kWh' },
        { measurand: 'Current.Import', value: '31.3' },
        { measurand: 'Voltage', value: '230' },
        { measurand: 'SoC', value: '64', location: 'EV' },
      ),
    );

    expect(reading.powerW).toBeCloseTo(7200);
    expect(reading.energyRegisterWh).toBeCloseTo(1530);
    expect(reading.currentA).toBeCloseTo(31.3);
    expect(reading.voltageV).toBe(230);
    expect(reading.socPercent).toBe(64);
  });

  it('ignores measurands it has no reading key for', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Temperature', value: '40' },
        { measurand: 'Energy.Active.Export.Register', value: '900' },
        { measurand: 'Power.Offered', value: '22000' },
      ),
    );

    expect(reading).toEqual({});
  });

  it('prefers the total over the phase values', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Power.Active.Import', phase: 'L1', value: '2000' },
        { measurand: 'Power.Active.Import', value: '7000' },
        { measurand: 'Power.Active.Import', phase: 'L2', value: '2500' },
      ),
    );

    expect(reading.powerW).toBe(7000);
  });

  it('sums the phases of power and energy, and takes the highest phase current, without a total', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Power.Active.Import', phase: 'L1', value: '2000' },
        { measurand: 'Power.Active.Import', phase: 'L2', value: '2500' },
        { measurand: 'Power.Active.Import', phase: 'L3', value: '2700' },
        { measurand: 'Current.Import', phase: 'L1', value: '10' },
        { measurand: 'Current.Import', phase: 'L2', value: '11' },
        { measurand: 'Current.Import', phase: 'L3', value: '12' },
        { phase: 'L1', value: '1', unit: 'kWh' },
        { phase: 'L2', value: '2', unit: 'kWh' },
        { phase: 'L3', value: '3', unit: 'kWh' },
      ),
    );

    expect(reading.powerW).toBe(7200);
    expect(reading.currentA).toBe(12);
    expect(reading.energyRegisterWh).toBe(6000);
  });

  it('leaves the neutral conductor out of the phases', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Current.Import', phase: 'L1', value: '10' },
        { measurand: 'Current.Import', phase: 'L2', value: '11' },
        { measurand: 'Current.Import', phase: 'N', value: '40' },
        { measurand: 'Power.Active.Import', phase: 'L1', value: '2000' },
        { measurand: 'Power.Active.Import', phase: 'N', value: '100' },
      ),
    );

    expect(reading.currentA).toBe(11);
    expect(reading.powerW).toBe(2000);
  });

  it('has no value for a measurand only sampled on the neutral conductor', () => {
    const reading = readingOf(samples({ measurand: 'Current.Import', phase: 'N', value: '1.7' }));

    expect(reading).not.toHaveProperty('currentA');
  });

  it('averages voltage across phases instead of summing it', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Voltage', phase: 'L1-N', value: '228' },
        { measurand: 'Voltage', phase: 'L2-N', value: '230' },
        { measurand: 'Voltage', phase: 'L3-N', value: '235' },
      ),
    );

    expect(reading.voltageV).toBeCloseTo(231);
  });

  it('prefers a voltage total over the phase average', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Voltage', phase: 'L1-N', value: '228' },
        { measurand: 'Voltage', value: '400' },
      ),
    );

    expect(reading.voltageV).toBe(400);
  });

  it('ignores values measured at the inlet', () => {
    const reading = readingOf(
      samples(
        { measurand: 'Power.Active.Import', location: 'Inlet', value: '9000' },
        { measurand: 'Power.Active.Import', location: 'Outlet', value: '7200' },
      ),
    );

    expect(reading.powerW).toBe(7200);
  });

  it('has no value for a measurand only sampled at the inlet', () => {
    const reading = readingOf(
      samples({ measurand: 'Power.Active.Import', location: 'Inlet', value: '9000' }),
    );

    expect(reading).not.toHaveProperty('powerW');
  });

  it('skips samples without a numeric value', () => {
    const reading = readingOf(
      samples(
        { value: 'AP;0;3;XYZ', format: 'SignedData' },
        { measurand: 'Power.Active.Import', value: '' },
        { measurand: 'Power.Active.Import', phase: 'L1', value: '3000' },
      ),
    );

    expect(reading).toEqual({ powerW: 3000 });
  });
});

describe('normaliseSample: numeric values (OCPP 2.0.1)', () => {
  it('takes a number as it is, scales a kilo-unit, and keeps its text as the raw value', () => {
    const sample = normaliseSample({ value: 2.53, unit: 'kWh' });

    expect(sample.value).toBeCloseTo(2530);
    expect(sample.rawValue).toBe('2.53');
    expect(sample.rawUnit).toBe('kWh');
  });

  it('gives a number that is not finite no value', () => {
    expect(normaliseSample({ value: Number.NaN }).value).toBeNull();
  });
});
