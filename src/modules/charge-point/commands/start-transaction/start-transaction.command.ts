import { Command } from '@nestjs/cqrs';
import type { IdTagInfo } from '../../../../common/contracts/id-tags.js';

export interface StartTransactionResult {
  transactionId: number;
  idTagInfo: IdTagInfo;
}

export class StartTransactionCommand extends Command<StartTransactionResult> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    readonly idTag: string,
    readonly meterStartWh: number,
    readonly timestamp: string,
    readonly reservationId: number | undefined,
    /** what the id tag store answered: the transaction is recorded whatever it says */
    readonly idTagInfo: IdTagInfo,
  ) {
    super();
  }
}
