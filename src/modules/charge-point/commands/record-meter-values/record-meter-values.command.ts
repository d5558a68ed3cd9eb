import { Command } from '@nestjs/cqrs';
import type { MeterValueInput } from '../../domain/meter-values.js';

export class RecordMeterValuesCommand extends Command<void> {
  constructor(
    readonly chargePointId: string,
    readonly connectorId: number,
    readonly transactionId: number | undefined,
    readonly meterValue: MeterValueInput[],
  ) {
    super();
  }
}
