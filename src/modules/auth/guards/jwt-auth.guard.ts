import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { VerifyAccessTokenQuery } from '../../../common/contracts/tokens.js';
import type { UserRole } from '../../../common/contracts/users.js';
import { ForbiddenError, UnauthorizedError } from '../../../common/errors/domain-error.js';
import { IS_PUBLIC, QUERY_TOKEN, ROLES } from '../../../common/http/auth.decorators.js';

// Global: every route needs a valid bearer token unless marked @Public(); @Roles narrows further.
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly queries: QueryBus,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; query?: unknown; user?: unknown }>();
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(req.headers.authorization ?? '');
    let token = match?.[1];
    if (!token && this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets)) {
      const query = (req.query ?? {}) as { access_token?: unknown };
      if (typeof query.access_token === 'string') token = query.access_token;
    }
    const verified = token ? await this.queries.execute(new VerifyAccessTokenQuery(token)) : null;
    if (!verified) throw new UnauthorizedError();
    req.user = verified.viewer;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(verified.viewer.role)) throw new ForbiddenError('Admins only');
    return true;
  }
}
