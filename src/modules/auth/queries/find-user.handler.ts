import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { FindUserQuery, type UserView } from '../../../common/contracts/users.js';
import { UserStore } from '../persistence/user.store.js';

@QueryHandler(FindUserQuery)
export class FindUserHandler implements IQueryHandler<FindUserQuery> {
  constructor(private readonly users: UserStore) {}

  async execute({ userId }: FindUserQuery): Promise<UserView | null> {
    const user = await this.users.findById(userId);
    return user ? { id: user.id, username: user.username, role: user.role } : null;
  }
}
