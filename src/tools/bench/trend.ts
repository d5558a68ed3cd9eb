// What a soak's samples say: the least-squares slope of each series (per hour), and its first
// and last values.

export interface Sample {
  /** seconds since the soak started */
  atS: number;
  value: number;
}

/** Least-squares slope of value over time, in value units per hour; NaN below two samples. */
export function slopePerHour(samples: readonly Sample[]): number {
  const points = samples.filter((s) => Number.isFinite(s.value) && Number.isFinite(s.atS));
  if (points.length < 2) return NaN;
  const n = points.length;
  const meanT = points.reduce((a, s) => a + s.atS, 0) / n;
  const meanV = points.reduce((a, s) => a + s.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of points) {
    num += (s.atS - meanT) * (s.value - meanV);
    den += (s.atS - meanT) ** 2;
  }
  return den === 0 ? NaN : (num / den) * 3600;
}

export interface Trend {
  first: number;
  last: number;
  slopePerHour: number;
  samples: number;
}

export function trendOf(samples: readonly Sample[]): Trend {
  return {
    first: samples.at(0)?.value ?? NaN,
    last: samples.at(-1)?.value ?? NaN,
    slopePerHour: slopePerHour(samples),
    samples: samples.length,
  };
}
