import { idle50kChargers } from './idle50k.js';

describe('idle50k charger count', () => {
  it('scales 50,000 and caps it below what the hard descriptor limit lets the server hold', () => {
    expect(idle50kChargers(1, 1_048_576)).toBe(50_000);
    expect(idle50kChargers(0.1, 1_048_576)).toBe(5000);
    expect(idle50kChargers(1, 20_000)).toBe(19_000);
    expect(idle50kChargers(0.0001, 20_000)).toBe(10);
  });
});
