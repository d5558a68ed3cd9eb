import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage } from '../../../../common/http/paging.js';
import { GetTransactionQuery, ListTransactionsQuery } from './list-transactions.query.js';
import { TransactionReader } from './transaction-reader.js';

// Newest first by id (the order the server recorded them in, stable under inserts: a new
// transaction has a higher id and never lands inside a page already read).
@QueryHandler(ListTransactionsQuery)
export class ListTransactionsHandler implements IQueryHandler<ListTransactionsQuery> {
  constructor(private readonly reader: TransactionReader) {}

  async execute({ viewer, filters, limit, cursor }: ListTransactionsQuery) {
    const scope = await this.reader.scope(viewer);
    const q = this.reader
      .inScope(scope)
      .orderBy('t.id', 'DESC')
      .take(limit + 1);
    if (cursor) q.andWhere('t.id < :before', { before: Number(decodeCursor(cursor, 1)[0]) });
    if (filters.chargePointId) q.andWhere('t.charge_point_id = :cp', { cp: filters.chargePointId });
    if (filters.status === 'active') q.andWhere('t.stopped_at IS NULL');
    if (filters.status === 'completed') q.andWhere('t.stopped_at IS NOT NULL');
    if (filters.from) q.andWhere('t.started_at >= :from', { from: filters.from });
    if (filters.to) q.andWhere('t.started_at < :to', { to: filters.to });
    const rows = await q.getMany();
    const page = toPage(
      rows,
      limit,
      (t) => [t.id],
      (t) => t,
    );
    return { items: await this.reader.toDtos(page.items, scope), nextCursor: page.nextCursor };
  }
}

@QueryHandler(GetTransactionQuery)
export class GetTransactionHandler implements IQueryHandler<GetTransactionQuery> {
  constructor(private readonly reader: TransactionReader) {}

  async execute({ viewer, transactionId }: GetTransactionQuery) {
    const scope = await this.reader.scope(viewer);
    const row = await this.reader
      .inScope(scope)
      .andWhere('t.id = :id', { id: transactionId })
      .getOne();
    return row ? (await this.reader.toDtos([row], scope))[0] : null;
  }
}
