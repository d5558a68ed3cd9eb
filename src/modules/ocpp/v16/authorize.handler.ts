import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OCPP16 } from 'typed-ocpp';
import type { OcppConfig } from '../../../config/index.js';
import { idTagStatus } from '../../charge-point/index.js';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

// No id tag list yet: the documented policy (OCPP_ACCEPT_UNKNOWN_ID_TAGS) answers, and there is
// nothing to persist, so no command is sent.
@Injectable()
export class AuthorizeHandler implements Ocpp16ActionHandler<
  OCPP16.AuthorizeRequest,
  OCPP16.AuthorizeResponse
> {
  readonly action = 'Authorize';
  private readonly acceptUnknown: boolean;

  constructor(config: ConfigService) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  async handle(_chargePointId: string, req: OCPP16.AuthorizeRequest) {
    return { idTagInfo: { status: idTagStatus(req.idTag, this.acceptUnknown) } };
  }
}
