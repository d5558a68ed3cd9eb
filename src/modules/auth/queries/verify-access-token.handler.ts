import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { type VerifiedToken, VerifyAccessTokenQuery } from '../../../common/contracts/tokens.js';
import { UserStore } from '../persistence/user.store.js';

// Signature (HS256 only), exp, nbf, iss and aud are checked by the JwtService's verify options;
// the user must still exist and be enabled, the token must be of the user's current token
// version (older ones were revoked), and the role is read now, not trusted from the token.
@QueryHandler(VerifyAccessTokenQuery)
export class VerifyAccessTokenHandler implements IQueryHandler<VerifyAccessTokenQuery> {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserStore,
  ) {}

  async execute({ token }: VerifyAccessTokenQuery): Promise<VerifiedToken | null> {
    let claims: { sub?: unknown; exp?: unknown; ver?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    const user = await this.users.findById(claims.sub);
    // a token from before token versions existed counts as version 0
    const version = claims.ver ?? 0;
    if (!user || user.disabled || version !== user.tokenVersion) return null;
    return {
      tokenVersion: user.tokenVersion,
      viewer: { id: user.id, role: user.role, username: user.username },
      expiresAt: claims.exp * 1000,
    };
  }
}
