// Seedable randomness, so a run (and a spec) can be replayed with --seed.

/** A number in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast and good enough for simulated traffic (not for secrets). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const uniform = (rng: Rng, min: number, max: number): number => min + (max - min) * rng();

export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.min(items.length - 1, Math.floor(rng() * items.length))];

/**
 * The wait, in ms, until the next event of a Poisson process that fires `ratePerHour` times an
 * hour on average; Infinity for a rate of 0 (never).
 */
export function exponentialDelayMs(rng: Rng, ratePerHour: number): number {
  if (ratePerHour <= 0) return Infinity;
  return (-Math.log(1 - rng()) * 3_600_000) / ratePerHour;
}
