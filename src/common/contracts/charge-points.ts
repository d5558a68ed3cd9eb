import { Query } from '@nestjs/cqrs';

/** Answered by the charge-point module: the chargers the database marks online. */
export class ListOnlineChargePointIdsQuery extends Query<string[]> {}
