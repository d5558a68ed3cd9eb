// Errors with a stable code. The HTTP filter and the OCPP mapper translate codes at the edge;
// handlers never know about either protocol.
export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'persistence_failed'
  | 'upstream_error'
  | 'upstream_timeout';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Plain fields added to the error's answer (a command's id, a charger's error code). */
    readonly details: Record<string, string | number | null> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, string | number | null> = {}) {
    super('conflict', message, details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Unauthorized') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Forbidden') {
    super('forbidden', message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterS: number) {
    super('rate_limited', 'Too many attempts, try again later');
  }
}

/** A third party (a charger) answered with an error: 502. */
export class UpstreamError extends DomainError {
  constructor(message: string, details: Record<string, string | number | null> = {}) {
    super('upstream_error', message, details);
  }
}

/** A third party (a charger) did not answer in time: 504. */
export class UpstreamTimeoutError extends DomainError {
  constructor(message: string, details: Record<string, string | number | null> = {}) {
    super('upstream_timeout', message, details);
  }
}
