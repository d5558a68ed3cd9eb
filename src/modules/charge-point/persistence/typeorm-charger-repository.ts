import { Injectable } from '@nestjs/common';
import {
  type ChangeOptions,
  type ChargerChange,
  ChargerRepository,
  type Emit,
} from '../domain/charger-repository.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';
import { TypeOrmChargerChange } from './typeorm-charger-change.js';

// The repository port on TypeORM: each change is a unit of work (ordering per charger, batching
// across chargers, seq stamping and publishing after the commit stay in ChargePointUnitOfWork).
@Injectable()
export class TypeOrmChargerRepository extends ChargerRepository {
  constructor(private readonly uow: ChargePointUnitOfWork) {
    super();
  }

  change<T>(
    chargePointId: string,
    work: (change: ChargerChange, emit: Emit) => Promise<T>,
    options: ChangeOptions = {},
  ): Promise<T> {
    const readingsOnly = !!options.readingsOnly;
    return this.uow.run(
      chargePointId,
      (m, emit, batch) =>
        work(new TypeOrmChargerChange(m, batch, chargePointId, readingsOnly), emit),
      { keepsMemo: readingsOnly },
    );
  }
}
