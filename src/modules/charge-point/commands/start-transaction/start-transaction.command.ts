import { Command } from '@nestjs/cqrs';
import type { IdTagStatus } from '../../domain/id-tag-policy.js';

export interface StartTransactionResult {
  transactionId: number;
  idTagStatus: IdTagStatus;
  /** the connector the transaction runs on (an OCPP 2.0.1 event may not name it again) */
  connectorId: number;
  /** this OCPP 2.0.1 event (by its seqNo) was applied before: an offline replay, a retry */
  duplicate: boolean;
}

/** An OCPP 2.0.1 TransactionEvent: the charger's transaction id and the event's seqNo. */
export interface ChargerTransactionEvent {
  ocppTransactionId: string;
  seqNo: number;
}

/**
 * A transaction starts on a connector. With `event` (OCPP 2.0.1), the charger's transaction is
 * found by its own id, or started by whichever of its events comes first, and the event's seqNo
 * is recorded: the result says whether it had been applied already.
 */
export class StartTransactionCommand extends Command<StartTransactionResult> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    /** '' when the charger has none yet (OCPP 2.0.1: a transaction begun by a plugged cable) */
    readonly idTag: string,
    readonly meterStartWh: number,
    readonly timestamp: string,
    readonly reservationId: number | undefined,
    readonly acceptUnknownIdTags: boolean,
    readonly event?: ChargerTransactionEvent,
  ) {
    super();
  }
}
