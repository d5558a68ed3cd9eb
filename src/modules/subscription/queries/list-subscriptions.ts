import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ListRememberedSubscriptionsQuery } from '../../../common/contracts/access.js';
import type { SubscriptionDto } from '../dto/subscription.dto.js';
import { UserSubscriptionEntity } from '../persistence/user-subscription.entity.js';

export class ListSubscriptionsQuery extends Query<SubscriptionDto[]> {
  constructor(readonly userId: string) {
    super();
  }
}

@QueryHandler(ListSubscriptionsQuery)
export class ListSubscriptionsHandler implements IQueryHandler<ListSubscriptionsQuery> {
  constructor(
    @InjectRepository(UserSubscriptionEntity)
    private readonly subs: Repository<UserSubscriptionEntity>,
  ) {}

  async execute({ userId }: ListSubscriptionsQuery): Promise<SubscriptionDto[]> {
    const rows = await this.subs.find({ where: { userId }, order: { chargePointId: 'ASC' } });
    return rows.map((r) => ({
      chargePointId: r.chargePointId,
      createdAt: r.createdAt.toISOString(),
    }));
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
