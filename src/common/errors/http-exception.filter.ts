import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type DomainErrorCode, DomainError, RateLimitedError } from './domain-error.js';

interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

const STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  persistence_failed: 503,
  upstream_error: 502,
  upstream_timeout: 504,
};

// The one place where errors become HTTP: `{ statusCode, error, message }` for every route.
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    let status = 500;
    let message: string | string[] = 'Internal server error';
    let details: Record<string, unknown> = {};
    if (exception instanceof DomainError) {
      status = STATUS[exception.code];
      message = exception.message;
      details = exception.details;
      if (exception instanceof RateLimitedError)
        res.setHeader('Retry-After', String(exception.retryAfterS));
    } else if (isJsonParseFailure(exception)) {
      // never echo the parser's message: it quotes the body (passwords included)
      status = 400;
      message = 'Request body is not valid JSON';
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      message =
        typeof body === 'string'
          ? body
          : ((body as { message?: string | string[] }).message ?? exception.message);
    } else {
      this.logger.error((exception as Error)?.stack ?? String(exception));
    }
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="voltline"');
    res
      .status(status)
      .json({ ...details, statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  }
}

// body-parser's error, as it comes raw or wrapped by Nest's express adapter
function isJsonParseFailure(exception: unknown): boolean {
  const e = exception as { type?: string; cause?: { type?: string } } | undefined;
  return (
    e?.type === 'entity.parse.failed' ||
    e?.cause?.type === 'entity.parse.failed' ||
    (exception instanceof HttpException &&
      (exception as { cause?: unknown }).cause instanceof SyntaxError)
  );
}
