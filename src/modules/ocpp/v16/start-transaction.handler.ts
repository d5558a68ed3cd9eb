import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { AuthorizeIdTagQuery } from '../../../common/contracts/id-tags.js';
import { StartTransactionCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

// The transaction is recorded whatever the store answers (the charger may have started it
// offline); a charger told anything but Accepted stops it.
@Injectable()
export class StartTransactionHandler implements Ocpp16ActionHandler<
  OCPP16.StartTransactionRequest,
  OCPP16.StartTransactionResponse
> {
  readonly action = 'StartTransaction';

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async handle(chargePointId: string, req: OCPP16.StartTransactionRequest) {
    const info = await this.queries.execute(
      new AuthorizeIdTagQuery(req.idTag, { chargePointId, connectorId: req.connectorId }),
    );
    const result = await this.commands.execute(
      new StartTransactionCommand(
        chargePointId,
        req.connectorId,
        req.idTag,
        req.meterStart,
        req.timestamp,
        req.reservationId,
        info,
      ),
    );
    return { transactionId: result.transactionId, idTagInfo: result.idTagInfo };
  }
}
