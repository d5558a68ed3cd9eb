import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { OCPP20 } from 'typed-ocpp';
import { AuthorizeIdTagQuery } from '../../../common/contracts/id-tags.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

// The same store as 1.6's Authorize answers: an idToken is an id tag (contract section 7).
@Injectable()
export class Authorize201Handler implements Ocpp201ActionHandler<
  OCPP20.AuthorizeRequest,
  OCPP20.AuthorizeResponse
> {
  readonly action = 'Authorize';

  constructor(private readonly queries: QueryBus) {}

  async handle(chargePointId: string, req: OCPP20.AuthorizeRequest) {
    const info = await this.queries.execute(
      new AuthorizeIdTagQuery(req.idToken.idToken, { chargePointId, connectorId: 0 }),
    );
    return { idTokenInfo: { status: info.status } };
  }
}
