import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  type AccessLevel,
  GetChargePointAccessQuery,
  GetChargePointOwnershipQuery,
  ListChargePointWatchersQuery,
  ListOwnedChargePointIdsQuery,
  ListVisibleChargePointIdsQuery,
} from '../../../common/contracts/access.js';
import { GrantEntity } from '../persistence/grant.entity.js';

// The one answer to "may U see C?": admins see every charger, owners theirs, grantees those
// granted to them. Ownership is the charge-point module's, asked over the query bus.

@QueryHandler(GetChargePointAccessQuery)
export class GetChargePointAccessHandler implements IQueryHandler<GetChargePointAccessQuery> {
  constructor(
    private readonly queries: QueryBus,
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
  ) {}

  async execute({ viewer, chargePointId }: GetChargePointAccessQuery): Promise<AccessLevel | null> {
    const ownership = await this.queries.execute(new GetChargePointOwnershipQuery(chargePointId));
    if (!ownership) return null;
    if (viewer.role === 'admin') return 'admin';
    if (ownership.ownerId === viewer.id) return 'owner';
    const grant = await this.grants.findOne({
      where: { chargePointId, userId: viewer.id },
      select: { level: true },
    });
    if (!grant) return null;
    return grant.level === 'operate' ? 'operator' : 'grantee';
  }
}

@QueryHandler(ListVisibleChargePointIdsQuery)
export class ListVisibleChargePointIdsHandler implements IQueryHandler<ListVisibleChargePointIdsQuery> {
  constructor(
    private readonly queries: QueryBus,
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
  ) {}

  async execute({ viewer }: ListVisibleChargePointIdsQuery): Promise<string[] | 'all'> {
    if (viewer.role === 'admin') return 'all';
    const owned = await this.queries.execute(new ListOwnedChargePointIdsQuery(viewer.id));
    const granted = await this.grants.find({
      where: { userId: viewer.id },
      select: { chargePointId: true },
    });
    return [...new Set([...owned, ...granted.map((g) => g.chargePointId)])].sort();
  }
}

@QueryHandler(ListChargePointWatchersQuery)
export class ListChargePointWatchersHandler implements IQueryHandler<ListChargePointWatchersQuery> {
  constructor(
    private readonly queries: QueryBus,
    @InjectRepository(GrantEntity) private readonly grants: Repository<GrantEntity>,
  ) {}

  async execute({ chargePointId }: ListChargePointWatchersQuery) {
    const ownership = await this.queries.execute(new GetChargePointOwnershipQuery(chargePointId));
    const grants = await this.grants.findBy({ chargePointId });
    return { ownerId: ownership?.ownerId ?? null, granteeIds: grants.map((g) => g.userId) };
  }
}
