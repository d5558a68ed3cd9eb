import { ocpp201ErrorCode, rewriteOcpp201CallError } from './ocpp201-error-codes.js';

describe('2.0.1 CALLERROR spellings', () => {
  it("spells the validator's 1.6 misspelling and 1.6's FormationViolation the 2.0.1 way", () => {
    expect(ocpp201ErrorCode('OccurenceConstraintViolation')).toBe('OccurrenceConstraintViolation');
    expect(ocpp201ErrorCode('FormationViolation')).toBe('FormatViolation');
  });

  it.each(['RpcFrameworkError', 'MessageTypeNotSupported', 'NotImplemented', 'FormatViolation'])(
    'leaves the 2.0.1 code %s as it is',
    (code) => expect(ocpp201ErrorCode(code)).toBe(code),
  );

  it('rewrites only the code of a CALLERROR frame', () => {
    const frame = JSON.stringify([4, 'm1', 'OccurenceConstraintViolation', 'missing', {}]);
    expect(JSON.parse(rewriteOcpp201CallError(frame))).toEqual([
      4,
      'm1',
      'OccurrenceConstraintViolation',
      'missing',
      {},
    ]);
    const result = JSON.stringify([3, 'm2', { code: 'OccurenceConstraintViolation' }]);
    expect(rewriteOcpp201CallError(result)).toBe(result);
  });
});
