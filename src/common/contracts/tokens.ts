import { Query } from '@nestjs/cqrs';
import type { Viewer } from './users.js';

export interface VerifiedToken {
  viewer: Viewer & { username: string };
  /** When the token stops being valid (ms since the epoch). */
  expiresAt: number;
  /** The user's token version it was issued under (see UserTokensRevoked). */
  tokenVersion: number;
}

/** Answered by the auth module: the user behind a bearer token, or null (one generic refusal). */
export class VerifyAccessTokenQuery extends Query<VerifiedToken | null> {
  constructor(readonly token: string) {
    super();
  }
}
