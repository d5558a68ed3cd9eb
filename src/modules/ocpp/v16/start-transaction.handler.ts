import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { StartTransactionCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class StartTransactionHandler implements Ocpp16ActionHandler<
  OCPP16.StartTransactionRequest,
  OCPP16.StartTransactionResponse
> {
  readonly action = 'StartTransaction';
  private readonly acceptUnknown: boolean;

  constructor(
    private readonly commands: CommandBus,
    config: ConfigService,
  ) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  async handle(chargePointId: string, req: OCPP16.StartTransactionRequest) {
    const result = await this.commands.execute(
      new StartTransactionCommand(
        chargePointId,
        req.connectorId,
        req.idTag,
        req.meterStart,
        req.timestamp,
        req.reservationId,
        this.acceptUnknown,
      ),
    );
    return { transactionId: result.transactionId, idTagInfo: { status: result.idTagStatus } };
  }
}
