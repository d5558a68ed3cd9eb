import { Injectable, Logger } from '@nestjs/common';
import type { OCPP16 } from 'typed-ocpp';
import type { Ocpp16ActionHandler } from './ocpp16-action-handler.js';

// Voltline implements no vendor extension yet: OCPP 1.6 says to answer UnknownVendorId.
@Injectable()
export class DataTransferHandler implements Ocpp16ActionHandler<
  OCPP16.DataTransferRequest,
  OCPP16.DataTransferResponse
> {
  readonly action = 'DataTransfer';
  private readonly logger = new Logger(DataTransferHandler.name);

  async handle(chargePointId: string, req: OCPP16.DataTransferRequest) {
    this.logger.log(`DataTransfer from ${chargePointId}: vendor ${req.vendorId}, not supported`);
    return { status: 'UnknownVendorId' as const };
  }
}
