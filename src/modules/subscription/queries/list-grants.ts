import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { FindUserQuery } from '../../../common/contracts/users.js';
import { decodeCursor, type Page, toPage } from '../../../common/http/paging.js';
import type { GrantListItemDto } from '../dto/subscription.dto.js';
import { GrantEntity } from '../persistence/grant.entity.js';

/** Who was granted a charger, with their level, by user id. */
export class ListGrantsQuery extends Query<Page<GrantListItemDto>> {
  constructor(
    readonly chargePointId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListGrantsQuery)
export class ListGrantsHandler implements IQueryHandler<ListGrantsQuery> {
  constructor(
    private readonly queries: QueryBus,
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
  ) {}

  async execute({ chargePointId, limit, cursor }: ListGrantsQuery) {
    const after = cursor ? (decodeCursor(cursor, 1)[0] as string) : undefined;
    const rows = await this.grants.find({
      where: { chargePointId, ...(after !== undefined ? { userId: MoreThan(after) } : {}) },
      order: { userId: 'ASC' },
      take: limit + 1,
    });
    const users = await Promise.all(
      rows.slice(0, limit).map((g) => this.queries.execute(new FindUserQuery(g.userId))),
    );
    const names = new Map(users.flatMap((u) => (u ? [[u.id, u.username] as const] : [])));
    return toPage(
      rows,
      limit,
      (g) => [g.userId],
      (g) => ({
        chargePointId: g.chargePointId,
        userId: g.userId,
        username: names.get(g.userId) ?? '',
        level: g.level,
        createdAt: g.createdAt.toISOString(),
      }),
    );
  }
}
