import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message names each offending field',
  401: 'Missing, invalid or expired bearer token (or bad credentials at login)',
  403: 'Authenticated, but this role may not do this',
  404: 'No such resource, or one the caller may not see',
  409: 'Conflicts with the current state: it exists already, or the charger is offline',
  429: 'Too many attempts; see the Retry-After header',
  502: 'The charger answered with a CALLERROR (its code in `code`)',
  504: 'The charger did not answer in time',
};

/** Documents the error responses a route can return, all in the one error shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto }),
    ),
  );
