import { DomainError } from '../../../common/errors/domain-error.js';

/**
 * How a command that got no answer from the charger is recorded (contract section 5's
 * `Timeout` and `CallError`, and the few other ways a command can end).
 */
export function failureStatus(err: unknown): { status: string; error: string } {
  const code = err instanceof DomainError ? err.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'upstream_timeout':
      return { status: 'Timeout', error: message };
    case 'upstream_error': {
      const callError = (err as DomainError).details.code;
      return { status: 'CallError', error: typeof callError === 'string' ? callError : message };
    }
    case 'conflict':
      return { status: 'Disconnected', error: message };
    case 'rate_limited':
      return { status: 'Busy', error: message };
    case 'invalid_input':
      return { status: 'Invalid', error: message };
    default:
      return { status: 'Failed', error: message };
  }
}
