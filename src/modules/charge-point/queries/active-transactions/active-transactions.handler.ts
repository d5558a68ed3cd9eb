import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ListActiveTransactionsOfIdTagQuery } from '../../../../common/contracts/id-tags.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';

@QueryHandler(ListActiveTransactionsOfIdTagQuery)
export class ListActiveTransactionsOfIdTagHandler implements IQueryHandler<ListActiveTransactionsOfIdTagQuery> {
  constructor(
    @InjectRepository(TransactionEntity)
    private readonly transactions: Repository<TransactionEntity>,
  ) {}

  async execute({ idTag }: ListActiveTransactionsOfIdTagQuery) {
    const rows = await this.transactions.find({
      where: { idTag, stoppedAt: IsNull() },
      select: { id: true, chargePointId: true, connectorId: true },
    });
    return rows.map((r) => ({
      chargePointId: r.chargePointId,
      connectorId: r.connectorId,
      transactionId: r.id,
    }));
  }
}
