import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GetOcppTransactionIdQuery } from '../../../../common/contracts/ocpp-transaction-id.js';
import { TransactionEntity } from '../../persistence/transaction.entity.js';

@QueryHandler(GetOcppTransactionIdQuery)
export class GetOcppTransactionIdHandler implements IQueryHandler<GetOcppTransactionIdQuery> {
  constructor(
    @InjectRepository(TransactionEntity)
    private readonly transactions: Repository<TransactionEntity>,
  ) {}

  async execute({ chargePointId, transactionId }: GetOcppTransactionIdQuery) {
    const tx = await this.transactions.findOne({
      where: { id: transactionId, chargePointId },
      select: { id: true, ocppTransactionId: true },
    });
    return tx?.ocppTransactionId ?? null;
  }
}
