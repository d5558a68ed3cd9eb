import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type {
  ChargePointEventData,
  ChargePointEventName,
} from '../../../common/contracts/charge-point-events.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import {
  type ChangeOptions,
  type ChargerChange,
  ChargerRepository,
  type Emit,
} from '../domain/charger-repository.js';
import type { NewCharger } from '../domain/charger.js';
import { ChargePointUnitOfWork } from './charge-point-unit-of-work.js';
import { ChargePointEntity } from './charge-point.entity.js';
import { TypeOrmChargerChange } from './typeorm-charger-change.js';
import { registerCharger } from './typeorm-charger-registration.js';

// The repository port on TypeORM: each change is a unit of work (ordering per charger, batching
// across chargers, seq stamping and publishing after the commit stay in ChargePointUnitOfWork).
@Injectable()
export class TypeOrmChargerRepository extends ChargerRepository {
  constructor(
    private readonly uow: ChargePointUnitOfWork,
    @InjectRepository(ChargePointEntity)
    private readonly chargePoints: Repository<ChargePointEntity>,
    private readonly tx: TransactionRunner,
  ) {
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

  // a unit of work that writes nothing, so it keeps the charger's memo
  async publish<N extends ChargePointEventName>(
    chargePointId: string,
    name: N,
    data: ChargePointEventData[N],
  ): Promise<void> {
    await this.uow.run(chargePointId, async (_m, emit) => emit(name, data), { keepsMemo: true });
  }

  register(charger: NewCharger): Promise<boolean> {
    return registerCharger(this.tx, charger);
  }

  async listOnline(): Promise<string[]> {
    const rows = await this.chargePoints.find({ where: { online: true }, select: { id: true } });
    return rows.map((cp) => cp.id);
  }

  // one UPDATE outside the units of work: nothing to order, stamp or publish
  async recordSeen(chargePointId: string, at: Date): Promise<void> {
    await this.chargePoints.update(chargePointId, { lastSeenAt: at });
  }

  async recordFirmwareStatus(
    chargePointId: string,
    kind: 'firmware' | 'diagnostics',
    status: string,
  ): Promise<void> {
    const column = kind === 'firmware' ? 'firmwareStatus' : 'diagnosticsStatus';
    await this.chargePoints.update(chargePointId, { [column]: status });
  }
}
