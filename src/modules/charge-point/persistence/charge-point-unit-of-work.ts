import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import {
  ChargePointEvent,
  type ChargePointEventData,
  type ChargePointEventName,
  type PendingEvent,
} from '../../../common/contracts/charge-point-events.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { ChargePointEntity } from './charge-point.entity.js';

export type Emit = <N extends ChargePointEventName>(name: N, data: ChargePointEventData[N]) => void;

// One database transaction for one charger's change: the work writes its rows and emits events;
// the events get the charger's next `seq` numbers inside the same transaction (so `seq` survives
// restarts and never repeats), and are published only after the commit. One charger's units of
// work run one after another (its connection events race its OCPP calls otherwise), so that
// events are published in seq order.
@Injectable()
export class ChargePointUnitOfWork {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly eventBus: EventBus,
  ) {}

  run<T>(
    chargePointId: string,
    work: (manager: EntityManager, emit: Emit) => Promise<T>,
  ): Promise<T> {
    const previous = this.tails.get(chargePointId) ?? Promise.resolve();
    const next = previous.then(() => this.runNow(chargePointId, work));
    const tail = next.catch(() => undefined);
    this.tails.set(chargePointId, tail);
    void tail.then(() => {
      if (this.tails.get(chargePointId) === tail) this.tails.delete(chargePointId);
    });
    return next;
  }

  private async runNow<T>(
    chargePointId: string,
    work: (manager: EntityManager, emit: Emit) => Promise<T>,
  ): Promise<T> {
    const { result, events } = await this.tx.run(async (manager) => {
      const collected: PendingEvent[] = [];
      const result = await work(manager, (name, data) => collected.push({ name, data }));
      const events = await this.stamp(manager, chargePointId, collected);
      return { result, events };
    });
    if (events.length > 0) this.eventBus.publishAll(events);
    return result;
  }

  private async stamp(manager: EntityManager, chargePointId: string, collected: PendingEvent[]) {
    if (collected.length === 0) return [];
    const repo = manager.getRepository(ChargePointEntity);
    // The increment takes the row lock on PostgreSQL: concurrent writers for one charger queue.
    await repo.increment({ id: chargePointId }, 'lastSeq', collected.length);
    const { lastSeq } = await repo.findOneOrFail({
      where: { id: chargePointId },
      select: { id: true, lastSeq: true },
    });
    const at = new Date().toISOString();
    const first = lastSeq - collected.length + 1;
    return collected.map(
      (e, i) => new ChargePointEvent(chargePointId, e.name, first + i, at, e.data),
    );
  }
}
