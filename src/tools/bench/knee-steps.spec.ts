import { kneeOf, kneeRates, stepPassed } from './knee-steps.js';

const step = (ratePerS: number, p99Ms: number, unanswered = 0) => ({ ratePerS, p99Ms, unanswered });

describe('knee steps', () => {
  it('scales the offered rates, never below 10/s and without repeats', () => {
    expect(kneeRates(1)).toEqual([1000, 2000, 3000, 4000, 6000, 8000, 10_000]);
    expect(kneeRates(0.1)).toEqual([100, 200, 300, 400, 600, 800, 1000]);
    expect(kneeRates(0.001)).toEqual([10]);
  });

  it('fails a step whose p99 passes the limit or that left a CALL unanswered', () => {
    expect(stepPassed(step(1000, 50))).toBe(true);
    expect(stepPassed(step(1000, 50.1))).toBe(false);
    expect(stepPassed(step(1000, 3, 1))).toBe(false);
    expect(stepPassed(step(1000, NaN))).toBe(false);
  });

  it('takes the last step that passed before the first failure', () => {
    expect(kneeOf([step(1000, 5), step(2000, 9), step(3000, 80), step(4000, 10)])).toEqual(
      step(2000, 9),
    );
    expect(kneeOf([step(1000, 5), step(2000, 9, 2)])).toEqual(step(1000, 5));
    expect(kneeOf([step(1000, 5), step(2000, 9)])).toEqual(step(2000, 9));
    expect(kneeOf([step(1000, 70)])).toBeUndefined();
    expect(kneeOf([])).toBeUndefined();
  });
});
