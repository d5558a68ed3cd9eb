import { Query } from '@nestjs/cqrs';

/** Answered by the charge-point module: the chargers the database marks online. */
export class ListOnlineChargePointIdsQuery extends Query<string[]> {}

/**
 * A charger was removed by an admin (its history is kept): the OCPP module closes its
 * connection, on whichever instance holds it.
 */
export class ChargePointRemoved {
  constructor(readonly chargePointId: string) {}
}
