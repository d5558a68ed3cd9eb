import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { RecordMeterValuesCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class MeterValuesHandler implements Ocpp16ActionHandler<
  OCPP16.MeterValuesRequest,
  OCPP16.MeterValuesResponse
> {
  readonly action = 'MeterValues';

  constructor(private readonly commands: CommandBus) {}

  async handle(chargePointId: string, req: OCPP16.MeterValuesRequest) {
    await this.commands.execute(
      new RecordMeterValuesCommand(
        chargePointId,
        req.connectorId,
        req.transactionId,
        req.meterValue,
      ),
    );
    return {};
  }
}
