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
