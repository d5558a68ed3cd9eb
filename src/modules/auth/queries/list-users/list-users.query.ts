import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../common/http/paging.js';
import type { UserDetails } from './user-details.js';

/** Users by username (a prefix search), paged. */
export class ListUsersQuery extends Query<Page<UserDetails>> {
  constructor(
    readonly prefix: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

/** One user, as admins see them, or null. */
export class GetUserQuery extends Query<UserDetails | null> {
  constructor(readonly userId: string) {
    super();
  }
}
