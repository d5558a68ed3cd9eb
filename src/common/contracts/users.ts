import { Query } from '@nestjs/cqrs';

export type UserRole = 'user' | 'admin';

/** Who is asking: the authenticated user of a request or a realtime session. */
export interface Viewer {
  readonly id: string;
  readonly role: UserRole;
}

export interface UserView {
  id: string;
  username: string;
  role: UserRole;
}

/** Answered by the auth module: the user, or null. */
export class FindUserQuery extends Query<UserView | null> {
  constructor(readonly userId: string) {
    super();
  }
}

/**
 * Every token of a user issued before now stopped working (disabled, deleted, password
 * changed): REST refuses them already; the realtime module closes that user's live sessions,
 * on every instance, that run on a token older than `tokenVersion`.
 */
export class UserTokensRevoked {
  constructor(
    readonly userId: string,
    readonly tokenVersion: number,
  ) {}
}
