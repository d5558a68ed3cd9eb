import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { AuthorizeIdTagQuery } from '../../../common/contracts/id-tags.js';
import { StopTransactionCommand } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

@Injectable()
export class StopTransactionHandler implements Ocpp16ActionHandler<
  OCPP16.StopTransactionRequest,
  OCPP16.StopTransactionResponse
> {
  readonly action = 'StopTransaction';
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

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
    // the tag that stops is judged as it stands (not in use elsewhere: it is ending this one)
    if (!req.idTag) return {};
    return { idTagInfo: await this.queries.execute(new AuthorizeIdTagQuery(req.idTag)) };
  }
}
