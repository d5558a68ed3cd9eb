import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ChargePointRemoved } from '../../common/contracts/charge-points.js';
import { OcppConnections } from './gateway/ocpp-connections.js';

@EventsHandler(ChargePointRemoved)
export class ChargerRemovedHandler implements IEventHandler<ChargePointRemoved> {
  constructor(private readonly connections: OcppConnections) {}

  handle({ chargePointId }: ChargePointRemoved): void {
    this.connections.removed(chargePointId);
  }
}
