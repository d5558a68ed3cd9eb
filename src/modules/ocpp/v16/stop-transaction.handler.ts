import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { idTagStatus, StopTransactionCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class StopTransactionHandler implements Ocpp16ActionHandler<
  OCPP16.StopTransactionRequest,
  OCPP16.StopTransactionResponse
> {
  readonly action = 'StopTransaction';
  private readonly acceptUnknown: boolean;

  constructor(
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  // Answered the same whether the transaction was stopped now, before (a retry) or is unknown
  // to us (kept for reconciliation): in each case the charger must not send it again.
  async handle(chargePointId: string, req: OCPP16.StopTransactionRequest) {
    await this.commands.execute(
      new StopTransactionCommand(
        chargePointId,
        req.transactionId,
        req.meterStop,
        req.timestamp,
        req.idTag,
        req.reason,
        req.transactionData ?? [],
      ),
    );
    return req.idTag ? { idTagInfo: { status: idTagStatus(req.idTag, this.acceptUnknown) } } : {};
  }
}
