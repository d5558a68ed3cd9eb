// Turns sampled values (OCPP 1.6's strings, 2.0.1's numbers) into unit-normalised samples and
// the connector's live reading.

/** One sampled value, whatever the charger's version (each edge maps into it). */
export interface SampledValueInput {
  /** OCPP 1.6 sends a string (it may hold signed data), 2.0.1 a number */
  value: string | number;
  context?: string;
  format?: string;
  measurand?: string;
  phase?: string;
  location?: string;
  unit?: string;
}

/** One MeterValue: a timestamp and its sampled values. */
export interface MeterValueInput {
  timestamp: string;
  sampledValue: SampledValueInput[];
}

export interface NormalisedSample {
  measurand: string;
  phase: string | null;
  location: string | null;
  context: string | null;
  format: string | null;
  unit: string | null;
  value: number | null;
  rawValue: string;
  rawUnit: string | null;
}

/** The live values a connector shows: power in W, energy register in Wh, and the rest. */
export interface MeterReading {
  powerW?: number;
  energyRegisterWh?: number;
  currentA?: number;
  voltageV?: number;
  socPercent?: number;
}

// OCPP values are decimal numbers; Number() alone would also read '0x10' or ''.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const DEFAULT_MEASURAND = 'Energy.Active.Import.Register';

// kilo-units become their base unit; the OCPP default unit is assumed when none is given.
const KILO: Record<string, string> = { kWh: 'Wh', kW: 'W', kvarh: 'varh', kvar: 'var', kVA: 'VA' };

function defaultUnit(measurand: string): string | null {
  if (measurand.startsWith('Energy.Reactive')) return 'varh';
  if (measurand.startsWith('Energy')) return 'Wh';
  if (measurand.startsWith('Power.Reactive')) return 'var';
  if (measurand.startsWith('Power.Factor')) return null;
  if (measurand.startsWith('Power')) return 'W';
  if (measurand.startsWith('Current')) return 'A';
  if (measurand === 'Voltage') return 'V';
  if (measurand === 'SoC') return 'Percent';
  return null;
}

export function normaliseSample(input: SampledValueInput): NormalisedSample {
  const measurand = input.measurand ?? DEFAULT_MEASURAND;
  const rawUnit = input.unit ?? null;
  const signed = input.format === 'SignedData';
  const raw = String(input.value);
  const parsed =
    typeof input.value === 'number'
      ? input.value
      : !signed && DECIMAL.test(raw.trim())
        ? Number(raw)
        : NaN;
  let value: number | null = Number.isFinite(parsed) ? parsed : null;
  let unit = rawUnit ?? defaultUnit(measurand);
  if (unit && KILO[unit]) {
    value = value === null ? null : value * 1000;
    unit = KILO[unit];
  }
  return {
    measurand,
    phase: input.phase ?? null,
    location: input.location ?? null,
    context: input.context ?? null,
    format: input.format ?? null,
    unit,
    value,
    rawValue: raw,
    rawUnit,
  };
}

// A value without a phase is the total. Without a total, phase values are combined (the neutral
// conductor excluded): summed for power and energy, averaged for voltage, and for current the
// highest phase (what a connector's maxCurrentA, a per-phase rating, compares with).
function combine(samples: NormalisedSample[], measurand: string, how: 'sum' | 'mean' | 'max') {
  const relevant = samples.filter(
    (s) => s.measurand === measurand && s.value !== null && s.location !== 'Inlet',
  );
  const total = relevant.find((s) => s.phase === null);
  if (total) return total.value as number;
  let phases = relevant.filter((s) => s.phase !== 'N');
  // voltage reported both phase-to-neutral and phase-to-phase: the L-N values describe the supply
  const toNeutral = phases.filter((s) => s.phase?.endsWith('-N'));
  if (how === 'mean' && toNeutral.length > 0) phases = toNeutral;
  if (phases.length === 0) return undefined;
  const values = phases.map((s) => s.value as number);
  if (how === 'max') return Math.max(...values);
  const sum = values.reduce((acc, v) => acc + v, 0);
  return how === 'sum' ? sum : sum / values.length;
}

export function readingOf(samples: NormalisedSample[]): MeterReading {
  const reading: MeterReading = {
    powerW: combine(samples, 'Power.Active.Import', 'sum'),
    energyRegisterWh: combine(samples, 'Energy.Active.Import.Register', 'sum'),
    currentA: combine(samples, 'Current.Import', 'max'),
    voltageV: combine(samples, 'Voltage', 'mean'),
    socPercent: combine(samples, 'SoC', 'mean'),
  };
  return Object.fromEntries(
    Object.entries(reading).filter(([, v]) => v !== undefined),
  ) as MeterReading;
}

/** The energy register (Wh) of the newest of these meter values that has one, if any. */
export function energyRegisterWh(
  meterValues: readonly { timestamp: string; sampledValue: SampledValueInput[] }[],
): number | undefined {
  let found: { at: number; wh: number } | undefined;
  for (const mv of meterValues) {
    const wh = readingOf(mv.sampledValue.map(normaliseSample)).energyRegisterWh;
    const at = Date.parse(mv.timestamp);
    if (wh !== undefined && (!found || at >= found.at)) found = { at, wh };
  }
  return found?.wh;
}
