import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: the message names each offending field',
  401: 'Missing, invalid or expired bearer token (or bad credentials at login)',
  403: 'Authenticated, but this role may not do this',
  404: 'No such resource, or one the caller may not see',
  409: 'It exists already',
  429: 'Too many attempts; see the Retry-After header',
};

/** Documents the error responses a route can return, all in the one error shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto }),
    ),
  );
