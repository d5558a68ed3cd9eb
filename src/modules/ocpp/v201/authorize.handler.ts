import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OCPP20 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { idTagStatus } from '../../charge-point/index.js';
import type { Ocpp201ActionHandler } from './ocpp201-action-handler.js';

// The same policy as 1.6's Authorize: an idToken is an id tag (contract section 7).
@Injectable()
export class Authorize201Handler implements Ocpp201ActionHandler<
  OCPP20.AuthorizeRequest,
  OCPP20.AuthorizeResponse
> {
  readonly action = 'Authorize';
  private readonly acceptUnknown: boolean;

  constructor(config: ConfigService) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  async handle(_chargePointId: string, req: OCPP20.AuthorizeRequest) {
    return { idTokenInfo: { status: idTagStatus(req.idToken.idToken, this.acceptUnknown) } };
  }
}
