import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../../../common/http/paging.js';
import { ListRememberedSubscriptionsQuery } from '../../../common/contracts/access.js';
import type { SubscriptionDto } from '../dto/subscription.dto.js';
import { UserSubscriptionEntity } from '../persistence/user-subscription.entity.js';

/** A user's remembered interests, by charger id, paged. */
export class ListSubscriptionsQuery extends Query<Page<SubscriptionDto>> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(
    @InjectRepository(UserSubscriptionEntity)
    private readonly subs: Repository<UserSubscriptionEntity>,
  ) {}

  async execute({ userId, limit, cursor }: ListSubscriptionsQuery) {
    const after = cursor ? (decodeCursor(cursor, 1)[0] as string) : undefined;
    const rows = await this.subs.find({
      where: { userId, ...(after !== undefined ? { chargePointId: MoreThan(after) } : {}) },
      order: { chargePointId: 'ASC' },
      take: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (r) => [r.chargePointId],
      (r): SubscriptionDto => ({
        chargePointId: r.chargePointId,
        createdAt: r.createdAt.toISOString(),
      }),
    );
  }
}

@QueryHandler(ListRememberedSubscriptionsQuery)
export class ListRememberedSubscriptionsHandler implements IQueryHandler<ListRememberedSubscriptionsQuery> {
  constructor(
    @InjectRepository(UserSubscriptionEntity)
    private readonly subs: Repository<UserSubscriptionEntity>,
  ) {}

  async execute({ userId }: ListRememberedSubscriptionsQuery): Promise<string[]> {
    const rows = await this.subs.find({ where: { userId }, select: { chargePointId: true } });
    return rows.map((r) => r.chargePointId);
  }
}

/** One remembered interest, or null. */
export class GetSubscriptionQuery extends Query<SubscriptionDto | null> {
  constructor(
    readonly userId: string,
    readonly chargePointId: string,
  ) {
    super();
  }
}

@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery> {
  constructor(
    @InjectRepository(UserSubscriptionEntity)
    private readonly subs: Repository<UserSubscriptionEntity>,
  ) {}

  async execute({ userId, chargePointId }: GetSubscriptionQuery) {
    const row = await this.subs.findOneBy({ userId, chargePointId });
    return row ? { chargePointId, createdAt: row.createdAt.toISOString() } : null;
  }
}
