import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  type ChangeOptions,
  type ChargerChange,
  ChargerRepository,
  type Emit,
} from '../domain/charger-repository.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { TypeOrmChargerChange } from './typeorm-charger-change.js';

// The repository port on TypeORM: each change is a unit of work (ordering per charger, batching
// across chargers, seq stamping and publishing after the commit stay in ChargePointUnitOfWork).
@Injectable()
export class TypeOrmChargerRepository extends ChargerRepository {
  constructor(
    private readonly uow: ChargePointUnitOfWork,
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
  ) {
    super();
  }

  // one UPDATE outside the units of work: nothing to order, stamp or publish
  async recordSeen(chargePointId: string, at: Date): Promise<void> {
    await this.chargePoints.update(chargePointId, { lastSeenAt: at });
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
