import { slopePerHour, trendOf } from './trend.js';

describe('soak trends', () => {
  it('gives the least-squares slope per hour', () => {
    // 1 unit a minute is 60 an hour; noise symmetric about the line leaves the slope as it is
    const line = [0, 30, 60, 90, 120].map((atS) => ({ atS, value: 100 + atS / 60 }));
    expect(slopePerHour(line)).toBeCloseTo(60, 9);
    const noisy = line.map((s, i) => ({ ...s, value: s.value + (i % 2 === 0 ? 0.5 : -0.5) }));
    expect(slopePerHour(noisy)).toBeCloseTo(60, 9);
    // not the line through the ends (3 an hour): (0, 0), (20 min, 0), (40 min, 0), (1 h, 3)
    expect(
      slopePerHour([
        { atS: 0, value: 0 },
        { atS: 1200, value: 0 },
        { atS: 2400, value: 0 },
        { atS: 3600, value: 3 },
      ]),
    ).toBeCloseTo(2.7, 9);
    expect(slopePerHour([0, 30, 60].map((atS) => ({ atS, value: 7 })))).toBe(0);
  });

  it('is NaN below two samples or with no spread in time, and skips values that are not numbers', () => {
    expect(slopePerHour([{ atS: 0, value: 1 }])).toBeNaN();
    expect(
      slopePerHour([
        { atS: 5, value: 1 },
        { atS: 5, value: 2 },
      ]),
    ).toBeNaN();
    expect(
      slopePerHour([
        { atS: 0, value: 0 },
        { atS: 30, value: NaN },
        { atS: 3600, value: 10 },
      ]),
    ).toBeCloseTo(10, 9);
  });

  it('reports the first and last values beside the slope', () => {
    expect(
      trendOf([
        { atS: 0, value: 3 },
        { atS: 1800, value: 4 },
      ]),
    ).toEqual({ first: 3, last: 4, slopePerHour: 2, samples: 2 });
    expect(trendOf([])).toEqual({ first: NaN, last: NaN, slopePerHour: NaN, samples: 0 });
  });
});
