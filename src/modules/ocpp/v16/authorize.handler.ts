import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { OCPP16 } from 'typed-ocpp';
import { AuthorizeIdTagQuery } from '../../../common/contracts/id-tags.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

// Answered by the id tag store; nothing to persist. Authorize names no connector (connector 0):
// a transaction of the tag running anywhere makes it ConcurrentTx.
@Injectable()
export class AuthorizeHandler implements Ocpp16ActionHandler<
  OCPP16.AuthorizeRequest,
  OCPP16.AuthorizeResponse
> {
  readonly action = 'Authorize';

  constructor(private readonly queries: QueryBus) {}

  async handle(chargePointId: string, req: OCPP16.AuthorizeRequest) {
    const info = await this.queries.execute(
      new AuthorizeIdTagQuery(req.idTag, { chargePointId, connectorId: 0 }),
    );
    return { idTagInfo: info };
  }
}
