import { Query } from '@nestjs/cqrs';
import type { Viewer } from '../../../../common/contracts/users.js';
import type { Page } from '../../../../common/http/paging.js';
import type { TransactionDto } from '../../dto/transaction.dto.js';

export interface TransactionFilters {
  chargePointId?: string;
  status?: 'active' | 'completed';
  from?: Date;
  to?: Date;
}

/**
 * The transactions a viewer may read, newest first: those on the chargers they may see, and
 * those of their own id tags (admins: all).
 */
export class ListTransactionsQuery extends Query<Page<TransactionDto>> {
  constructor(
    readonly viewer: Viewer,
    readonly filters: TransactionFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

/** One transaction, or null when there is none the viewer may read. */
export class GetTransactionQuery extends Query<TransactionDto | null> {
  constructor(
    readonly viewer: Viewer,
    readonly transactionId: number,
  ) {
    super();
  }
}
