import { Query } from '@nestjs/cqrs';

/**
 * Answered by the charge-point module: the charger's own id (OCPP 2.0.1) of one of Voltline's
 * transactions on that charger; null when it has none (1.6, or not this charger's).
 */
export class GetOcppTransactionIdQuery extends Query<string | null> {
  constructor(
    readonly chargePointId: string,
    readonly transactionId: number,
  ) {
    super();
  }
}
