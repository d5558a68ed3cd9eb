import { parseOptions, UsageError } from './options.js';

describe('bench options', () => {
  it('runs the scenarios by default, the soak only when asked, 30 minutes unless told', () => {
    expect(parseOptions([])).toMatchObject({ soak: false, soakMinutes: 30, scale: 1, runs: 3 });
    expect(parseOptions(['--soak'])).toMatchObject({ soak: true, soakMinutes: 30 });
    expect(parseOptions(['--soak', '--soak-minutes', '2', '--scale', '0.1'])).toMatchObject({
      soak: true,
      soakMinutes: 2,
      scale: 0.1,
    });
  });

  it('accepts the new scenarios by name', () => {
    expect(parseOptions(['--only', 'knee']).only).toBe('knee');
    expect(parseOptions(['--only', 'idle50k']).only).toBe('idle50k');
  });

  it('refuses soak minutes without --soak, out of range, and --soak with --only', () => {
    expect(() => parseOptions(['--soak-minutes', '2'])).toThrow(UsageError);
    expect(() => parseOptions(['--soak', '--soak-minutes', '0'])).toThrow(/1 to 720/);
    expect(() => parseOptions(['--soak', '--only', 'knee'])).toThrow(/--soak runs no scenario/);
  });
});
