import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage } from '../../../../common/http/paging.js';
import { UserStore } from '../../persistence/user.store.js';
import { GetUserQuery, ListUsersQuery } from './list-users.query.js';
import { toUserDetails } from './user-details.js';

// Keyed by username: unique, and the order a prefix search reads in.
@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(private readonly users: UserStore) {}

  async execute({ prefix, limit, cursor }: ListUsersQuery) {
    const after = cursor ? (decodeCursor(cursor, 1)[0] as string) : undefined;
    const rows = await this.users.listByUsername(prefix, after, limit + 1);
    return toPage(rows, limit, (u) => [u.username], toUserDetails);
  }
}

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly users: UserStore) {}

  async execute({ userId }: GetUserQuery) {
    const user = await this.users.findById(userId);
    return user ? toUserDetails(user) : null;
  }
}
