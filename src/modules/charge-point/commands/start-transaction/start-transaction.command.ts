import { Command } from '@nestjs/cqrs';
import type { IdTagStatus } from '../../domain/id-tag-policy.js';

export interface StartTransactionResult {
  transactionId: number;
  idTagStatus: IdTagStatus;
}

export class StartTransactionCommand extends Command<StartTransactionResult> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    readonly idTag: string,
    readonly meterStartWh: number,
    readonly timestamp: string,
    readonly reservationId: number | undefined,
    readonly acceptUnknownIdTags: boolean,
  ) {
    super();
  }
}
