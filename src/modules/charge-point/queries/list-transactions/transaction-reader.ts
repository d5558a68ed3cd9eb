import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, type SelectQueryBuilder } from 'typeorm';
import {
  ListOwnedChargePointIdsQuery,
  ListVisibleChargePointIdsQuery,
} from '../../../../common/contracts/access.js';
import { ListUserIdTagsQuery } from '../../../../common/contracts/id-tags.js';
import type { Viewer } from '../../../../common/contracts/users.js';
import type { TransactionDto } from '../../dto/transaction.dto.js';
import { ConnectorEntity } from '../../persistence/connector.entity.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';

/** What a viewer may read of the transactions, and whose idTags they see. */
export interface TransactionScope {
  /** null: no restriction (admins) */
  restrict: { chargePointIds: string[]; idTags: string[] } | null;
  seesIdTag: (t: TransactionEntity) => boolean;
}

// Users read the transactions of the chargers they may see and of their own id tags; the idTag
// is shown to admins, to the charger's owner and to the tag's holder, masked (null) otherwise.
@Injectable()
export class TransactionReader {
  constructor(
    private readonly queries: QueryBus,
    @InjectRepository(TransactionEntity)
    private readonly transactions: Repository<TransactionEntity>,
    @InjectRepository(ConnectorEntity)
    private readonly connectors: Repository<ConnectorEntity>,
  ) {}

  async scope(viewer: Viewer): Promise<TransactionScope> {
    if (viewer.role === 'admin') return { restrict: null, seesIdTag: () => true };
    const [visible, owned, idTags] = await Promise.all([
      this.queries.execute(new ListVisibleChargePointIdsQuery(viewer)),
      this.queries.execute(new ListOwnedChargePointIdsQuery(viewer.id)),
      this.queries.execute(new ListUserIdTagsQuery(viewer.id)),
    ]);
    const mine = new Set(owned);
    const tags = new Set(idTags);
    return {
      restrict: { chargePointIds: visible === 'all' ? [] : visible, idTags },
      seesIdTag: (t) => mine.has(t.chargePointId) || tags.has(t.idTag),
    };
  }

  /** A query builder of the transactions in scope (alias `t`). */
  inScope(scope: TransactionScope): SelectQueryBuilder<TransactionEntity> {
    const q = this.transactions.createQueryBuilder('t');
    const r = scope.restrict;
    if (!r) return q;
    if (!r.chargePointIds.length && !r.idTags.length) return q.andWhere('1 = 0');
    return q.andWhere(
      new Brackets((w) => {
        if (r.chargePointIds.length)
          w.orWhere('t.charge_point_id IN (:...cps)', { cps: r.chargePointIds });
        if (r.idTags.length) w.orWhere('t.id_tag IN (:...tags)', { tags: r.idTags });
      }),
    );
  }

  /** Rows as the viewer reads them; a running one's energy is its connector's live value. */
  async toDtos(rows: TransactionEntity[], scope: TransactionScope): Promise<TransactionDto[]> {
    const active = rows.filter((t) => !t.stoppedAt).map((t) => t.id);
    const live = active.length
      ? await this.connectors
          .createQueryBuilder('c')
          .where('c.transaction_id IN (:...active)', { active })
          .getMany()
      : [];
    const energy = new Map(live.map((c) => [c.transactionId, c.energyWh]));
    const now = Date.now();
    return rows.map((t) => ({
      id: t.id,
      chargePointId: t.chargePointId,
      connectorId: t.connectorId,
      idTag: scope.seesIdTag(t) ? t.idTag : null,
      status: t.stoppedAt ? 'completed' : 'active',
      startedAt: t.startedAt.toISOString(),
      stoppedAt: t.stoppedAt?.toISOString() ?? null,
      meterStartWh: t.meterStartWh,
      meterStopWh: t.meterStopWh,
      energyWh:
        t.meterStopWh !== null ? t.meterStopWh - t.meterStartWh : (energy.get(t.id) ?? null),
      durationS: Math.max(
        0,
        Math.round(((t.stoppedAt?.getTime() ?? now) - t.startedAt.getTime()) / 1000),
      ),
      stopReason: t.stopReason,
    }));
  }
}
