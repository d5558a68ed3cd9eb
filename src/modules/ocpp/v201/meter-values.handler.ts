import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { RecordMeterValuesCommand } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';
import { meterValuesOf } from './sampled-values.js';

// Meter values outside a transaction (2.0.1 sends a transaction's own in TransactionEvent).
@Injectable()
export class MeterValues201Handler implements Ocpp201ActionHandler<
  OCPP20.MeterValuesRequest,
  OCPP20.MeterValuesResponse
> {
  readonly action = 'MeterValues';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP20.MeterValuesRequest) {
    await this.commands.execute(
      new RecordMeterValuesCommand(
        chargePointId,
        req.evseId,
        undefined,
        meterValuesOf(req.meterValue),
      ),
    );
    return {};
  }
}
