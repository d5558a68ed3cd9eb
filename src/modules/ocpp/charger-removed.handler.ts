import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ChargePointRemoved } from '../../common/contracts/charge-points.js';
import { OcppGateway } from './ocpp.gateway.js';

@EventsHandler(ChargePointRemoved)
export class ChargerRemovedHandler implements IEventHandler<ChargePointRemoved> {
  constructor(private readonly gateway: OcppGateway) {}

  handle({ chargePointId }: ChargePointRemoved): void {
    this.gateway.removed(chargePointId);
  }
}
