import { ocpp16ErrorCode, rewriteOcpp16CallError } from './ocpp16-error-codes.js';

function aCallErrorFrame(
  code: string,
  overrides: { id?: string; description?: string; details?: unknown } = {},
): string {
  const { id = 'msg-17', description = 'Payload is not valid', details = {} } = overrides;
  return JSON.stringify([4, id, code, description, details]);
}

function codeOf(frame: string): unknown {
  return (JSON.parse(frame) as unknown[])[2];
}

describe('ocpp16ErrorCode', () => {
  it.each([
    ['FormatViolation', 'FormationViolation'],
    ['OccurrenceConstraintViolation', 'OccurenceConstraintViolation'],
    ['RpcFrameworkError', 'FormationViolation'],
    ['MessageTypeNotSupported', 'FormationViolation'],
  ])('spells %s as OCPP 1.6 does: %s', (code, expected) => {
    expect(ocpp16ErrorCode(code)).toBe(expected);
  });

  it.each([
    'NotImplemented',
    'NotSupported',
    'InternalError',
    'ProtocolError',
    'SecurityError',
    'PropertyConstraintViolation',
    'TypeConstraintViolation',
    'GenericError',
    'FormationViolation',
    'OccurenceConstraintViolation',
  ])('keeps %s, which OCPP 1.6 already spells so', (code) => {
    expect(ocpp16ErrorCode(code)).toBe(code);
  });
});

describe('rewriteOcpp16CallError', () => {
  it.each([
    ['FormatViolation', 'FormationViolation'],
    ['OccurrenceConstraintViolation', 'OccurenceConstraintViolation'],
    ['RpcFrameworkError', 'FormationViolation'],
    ['MessageTypeNotSupported', 'FormationViolation'],
  ])('rewrites a CALLERROR with %s to %s', (code, expected) => {
    expect(codeOf(rewriteOcpp16CallError(aCallErrorFrame(code)))).toBe(expected);
  });

  it('keeps the message id, description and details of a rewritten frame', () => {
    const details = { errors: [{ instancePath: '/connectorId', message: 'must be integer' }] };
    const frame = aCallErrorFrame('FormatViolation', {
      id: '-1',
      description: 'Message "is" not \\ JSON',
      details,
    });

    expect(JSON.parse(rewriteOcpp16CallError(frame))).toEqual([
      4,
      '-1',
      'FormationViolation',
      'Message "is" not \\ JSON',
      details,
    ]);
  });

  it.each(['NotImplemented', 'InternalError', 'ProtocolError', 'TypeConstraintViolation'])(
    'returns a CALLERROR with %s unchanged',
    (code) => {
      const frame = aCallErrorFrame(code);

      expect(rewriteOcpp16CallError(frame)).toBe(frame);
    },
  );

  it.each([
    ['a CALL', JSON.stringify([2, 'id-1', 'Heartbeat', {}])],
    ['a CALLRESULT', JSON.stringify([3, 'id-1', { currentTime: '2026-11-25T10:00:00.000Z' }])],
    // a CALLRESULT whose payload happens to contain an error code name is not a CALLERROR
    [
      'a CALLRESULT naming an error code',
      JSON.stringify([3, 'FormatViolation', 'FormatViolation']),
    ],
    ['a frame that is not JSON', 'not json at all'],
  ])('returns %s unchanged', (_label, frame) => {
    expect(rewriteOcpp16CallError(frame)).toBe(frame);
  });

  it('returns a CALLERROR whose code is not a string unchanged', () => {
    const frame = JSON.stringify([4, 'id-1', 42, 'odd', {}]);

    expect(rewriteOcpp16CallError(frame)).toBe(frame);
  });
});
