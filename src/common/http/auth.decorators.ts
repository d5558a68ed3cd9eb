import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { UserRole } from '../contracts/users.js';
import type { VerifiedToken } from '../contracts/tokens.js';

export const IS_PUBLIC = 'voltline:public';
export const ROLES = 'voltline:roles';

/** A route anyone may call (login, health). Everything else needs a valid bearer token. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Marks public operations in the OpenAPI document, which then gives them `security: []`. */
export const PUBLIC_EXTENSION = 'x-voltline-public';

export const QUERY_TOKEN = 'voltline:query-token';

/**
 * A route that also takes its bearer token as the `access_token` query parameter: the SSE
 * stream, which a browser's EventSource opens without headers.
 */
export const AcceptsQueryToken = () => SetMetadata(QUERY_TOKEN, true);

/** A route only these roles may call (403 for the others). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

export type RequestUser = VerifiedToken['viewer'];

/** The authenticated user of the request, as the guard attached it. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): RequestUser => ctx.switchToHttp().getRequest().user,
);
