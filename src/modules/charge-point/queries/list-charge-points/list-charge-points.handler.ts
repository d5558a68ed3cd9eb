import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ListVisibleChargePointIdsQuery } from '../../../../common/contracts/access.js';
import { GetSnapshotsQuery } from '../../../../common/contracts/snapshots.js';
import type { Viewer } from '../../../../common/contracts/users.js';
import { decodeCursor, type Page, toPage } from '../../../../common/http/paging.js';
import type { ChargePointSnapshotDto } from '../../dto/charge-point.dto.js';
import { ChargePointEntity } from '../../persistence/charge-point.entity.js';

export interface ChargePointFilters {
  online?: boolean;
  /** at least one connector in this status */
  status?: string;
  ownerId?: string;
  /** id prefix */
  q?: string;
}

/** The chargers a viewer may see, filtered, by id, as snapshots, paged. */
export class ListChargePointsQuery extends Query<Page<ChargePointSnapshotDto>> {
  constructor(
    readonly viewer: Viewer,
    readonly filters: ChargePointFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

// Keyed by id (unique, and stable while chargers are added): the page's ids are picked here,
// their snapshots read by the snapshot reader as for one charger.
@QueryHandler(ListChargePointsQuery)
export class ListChargePointsHandler implements IQueryHandler<ListChargePointsQuery> {
  constructor(
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
    private readonly queries: QueryBus,
  ) {}

  async execute({ viewer, filters, limit, cursor }: ListChargePointsQuery) {
    const visible = await this.queries.execute(new ListVisibleChargePointIdsQuery(viewer));
    if (visible !== 'all' && visible.length === 0) return { items: [], nextCursor: null };
    const q = this.chargePoints
      .createQueryBuilder('cp')
      .select('cp.id', 'id')
      .orderBy('cp.id', 'ASC')
      .limit(limit + 1);
    if (visible !== 'all') q.andWhere('cp.id IN (:...visible)', { visible });
    if (cursor) q.andWhere('cp.id > :after', { after: decodeCursor(cursor, 1)[0] });
    // TRUE / FALSE literals: both dialects read them, and SQLite cannot bind a boolean
    if (filters.online !== undefined)
      q.andWhere(`cp.online = ${filters.online ? 'TRUE' : 'FALSE'}`);
    if (filters.ownerId) q.andWhere('cp.owner_id = :ownerId', { ownerId: filters.ownerId });
    if (filters.q)
      // a prefix whatever the case, on both dialects
      q.andWhere("LOWER(cp.id) LIKE LOWER(:like) ESCAPE '\\'", {
        like: `${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    if (filters.status)
      q.andWhere(
        'EXISTS (SELECT 1 FROM connectors c WHERE c.charge_point_id = cp.id AND c.status = :status)',
        { status: filters.status },
      );
    const ids = (await q.getRawMany<{ id: string }>()).map((r) => r.id);
    const snapshots = await this.queries.execute(
      new GetSnapshotsQuery<ChargePointSnapshotDto>(viewer, ids.slice(0, limit)),
    );
    const byId = new Map(snapshots.map((s) => [s.id, s]));
    // a charger removed between the two reads is left out
    const page = toPage(
      ids,
      limit,
      (id) => [id],
      (id) => byId.get(id),
    );
    return { ...page, items: page.items.filter((s) => s !== undefined) };
  }
}
