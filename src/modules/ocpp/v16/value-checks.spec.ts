import { checkedDate, checkOcpp16Values } from './value-checks.js';

const limits = { maxConnectors: 10, maxSamplesPerMessage: 3 };
const code = (fn: () => void) => {
  try {
    fn();
    return 'passed';
  } catch (err) {
    return (err as { ocppCode: string }).ocppCode;
  }
};

describe('OCPP 1.6 value checks', () => {
  it('reads a leap second as 23:59:59.999 of that day, in place', () => {
    const payload = { connectorId: 1, meterValue: [{ timestamp: '2016-12-31T23:59:60Z' }] };
    checkOcpp16Values('MeterValues', payload, limits);
    expect(payload.meterValue[0].timestamp).toBe('2016-12-31T23:59:59.999Z');
    expect(new Date(payload.meterValue[0].timestamp).toISOString()).toBe(
      '2016-12-31T23:59:59.999Z',
    );
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T12:00:60Z',
    '1969-12-31T23:59:59Z',
    'yesterday',
  ])('refuses %s', (timestamp) => {
    expect(code(() => checkedDate(timestamp))).toBe('PropertyConstraintViolation');
  });

  it('refuses connector ids outside 0..N (1..N for StartTransaction)', () => {
    expect(code(() => checkOcpp16Values('StatusNotification', { connectorId: 0 }, limits))).toBe(
      'passed',
    );
    expect(code(() => checkOcpp16Values('StartTransaction', { connectorId: 0 }, limits))).toBe(
      'PropertyConstraintViolation',
    );
    for (const connectorId of [-5, 11, 99999999999])
      expect(code(() => checkOcpp16Values('StatusNotification', { connectorId }, limits))).toBe(
        'PropertyConstraintViolation',
      );
  });

  it('refuses a reservationId past 32 bits and a meter reading past 2^53, not one past 2^31', () => {
    expect(code(() => checkOcpp16Values('X', { meterStart: 2 ** 40 }, limits))).toBe('passed');
    expect(code(() => checkOcpp16Values('X', { meterStop: 2 ** 60 }, limits))).toBe(
      'PropertyConstraintViolation',
    );
    expect(code(() => checkOcpp16Values('X', { reservationId: 2 ** 31 }, limits))).toBe(
      'PropertyConstraintViolation',
    );
  });

  it('counts the samples of meterValue and transactionData together', () => {
    const mv = (n: number) => ({ timestamp: '2026-01-01T00:00:00Z', sampledValue: Array(n) });
    expect(
      code(() => checkOcpp16Values('StopTransaction', { transactionData: [mv(2), mv(1)] }, limits)),
    ).toBe('passed');
    expect(
      code(() => checkOcpp16Values('StopTransaction', { transactionData: [mv(2), mv(2)] }, limits)),
    ).toBe('OccurenceConstraintViolation');
  });
});
