import { Command } from '@nestjs/cqrs';
import type { MeterValueInput } from '../../domain/meter-values.js';

export type StopTransactionOutcome = 'stopped' | 'already_stopped' | 'unmatched';

export class StopTransactionCommand extends Command<StopTransactionOutcome> {
  constructor(
    readonly chargePointId: string,
    readonly transactionId: number,
    /** undefined: the charger did not say (OCPP 2.0.1): the last reading of the transaction */
    readonly meterStopWh: number | undefined,
    readonly timestamp: string,
    readonly idTag: string | undefined,
    readonly reason: string | undefined,
    readonly transactionData: MeterValueInput[],
  ) {
    super();
  }
}
