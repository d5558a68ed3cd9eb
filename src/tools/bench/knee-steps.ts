// The knee of the ingest curve: offered rates raised in steps until one fails. A step fails when
// its CALLRESULT p99 passes the limit or a CALL due in its measured window went unanswered; the
// knee is the highest rate that passed before the first failure.

export const KNEE_RATES = [1000, 2000, 3000, 4000, 6000, 8000, 10_000];
export const KNEE_P99_LIMIT_MS = 50;

export interface StepOutcome {
  ratePerS: number;
  p99Ms: number;
  /** CALLs due in the measured window without an answer when the step ended */
  unanswered: number;
}

/** The offered rates at --scale (each at least 10/s, no two alike). */
export function kneeRates(scale: number, rates: readonly number[] = KNEE_RATES): number[] {
  return [...new Set(rates.map((r) => Math.max(10, Math.round(r * scale))))];
}

/** Whether a step passed: p99 within the limit and every CALL due in the window answered. */
export function stepPassed(step: StepOutcome, limitMs = KNEE_P99_LIMIT_MS): boolean {
  return step.unanswered === 0 && Number.isFinite(step.p99Ms) && step.p99Ms <= limitMs;
}

/**
 * The last step that passed before the first that failed (steps are in rising order); undefined
 * when the first step already failed.
 */
export function kneeOf(
  steps: readonly StepOutcome[],
  limitMs = KNEE_P99_LIMIT_MS,
): StepOutcome | undefined {
  let knee: StepOutcome | undefined;
  for (const step of steps) {
    if (!stepPassed(step, limitMs)) break;
    knee = step;
  }
  return knee;
}
