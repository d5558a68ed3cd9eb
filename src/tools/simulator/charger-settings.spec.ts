import { ChargerSettings } from './charger-settings.js';

describe('a simulated charger’s configuration keys', () => {
  it('takes a whole number of seconds for the intervals, at once', () => {
    const s = new ChargerSettings(10, 2);
    expect(s.change('MeterValueSampleInterval', '5')).toBe('Accepted');
    expect(s.meterIntervalMs).toBe(5000);
    expect(s.change('HeartbeatInterval', '300')).toBe('Accepted');
    expect(s.heartbeatIntervalS).toBe(300);
  });

  it.each(['0', '-1', '1.5', 'ten', '', '86401'])('refuses the interval %j', (value) => {
    const s = new ChargerSettings(10, 2);
    expect(s.change('MeterValueSampleInterval', value)).toBe('Rejected');
    expect(s.meterIntervalS).toBe(10);
  });

  it('refuses read-only keys and does not know others', () => {
    const s = new ChargerSettings(10, 2);
    expect(s.change('NumberOfConnectors', '3')).toBe('Rejected');
    expect(s.change('NoSuchKey', '1')).toBe('NotSupported');
  });

  it('reads the keys asked for and names the unknown ones; all when none are asked for', () => {
    const s = new ChargerSettings(10, 2);
    expect(s.read(['NumberOfConnectors', 'X'])).toEqual({
      configurationKey: [{ key: 'NumberOfConnectors', readonly: true, value: '2' }],
      unknownKey: ['X'],
    });
    expect(s.read().configurationKey.map((k) => k.key)).toContain('MeterValueSampleInterval');
  });
});
