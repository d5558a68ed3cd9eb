import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { KeyedSerialQueue } from '../../../common/async/keyed-serial-queue.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { BatchExecutor } from './unit-of-work/batch-executor.js';
import { BatchScheduler } from './unit-of-work/batch-scheduler.js';
import { ChargerMemos } from './unit-of-work/charger-memos.js';
import { CommittedEvents } from './unit-of-work/committed-events.js';
import { SeqStamper } from './unit-of-work/seq-stamper.js';
import type { ChargerUnit, UnitOfWork } from './unit-of-work/unit.js';

export type { Emit, UnitOfWork } from './unit-of-work/unit.js';

export interface UnitOfWorkOptions {
  /** The unit keeps the charger's memo as it is (it writes nothing another unit remembers). */
  keepsMemo?: boolean;
}

interface Waiting {
  unit: ChargerUnit;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

/** Chargers whose memo is kept at most (the oldest goes first); a charger's memo is small. */
const MAX_MEMOS = 100_000;

/** Units of work that share one transaction at most (bounds the statements' parameters). */
const MAX_BATCH = 200;

/** Batches between their first statement and their commit's answer, at most (PostgreSQL). */
const COMMITS_IN_FLIGHT = 4;

// One database transaction for one charger's change, its events stamped with the charger's next
// seqs inside it and published once it commits. The parts, each with its own job:
// - a KeyedSerialQueue: one charger's units run one after another, in the order asked for
//   (its connection events race its OCPP calls otherwise);
// - BatchScheduler: units of different chargers due at the same time share a transaction (a
//   commit and a round trip per statement were most of the cost under load);
// - BatchExecutor: runs a batch, and retries a failed one unit by unit in savepoints;
// - SeqStamper, ChargerMemos: the seqs, and what readings-only units remember between batches;
// - CommittedEvents: publishes after the commit.
// A charger has one unit in flight at most, so two batches never hold the same charger.
@Injectable()
export class ChargePointUnitOfWork {
  private readonly order = new KeyedSerialQueue();
  private readonly scheduler: BatchScheduler<Waiting>;
  private readonly executor: BatchExecutor;
  private readonly published: CommittedEvents;

  constructor(tx: TransactionRunner, eventBus: EventBus) {
    this.executor = new BatchExecutor(tx, new ChargerMemos(MAX_MEMOS), new SeqStamper());
    this.published = new CommittedEvents(eventBus);
    this.scheduler = new BatchScheduler((batch, executed) => this.flush(batch, executed), {
      maxBatch: MAX_BATCH,
      maxInFlight: tx.concurrent ? COMMITS_IN_FLIGHT : 1,
    });
  }

  run<T>(chargePointId: string, work: UnitOfWork<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    const unit: ChargerUnit<T> = { chargePointId, work, keepsMemo: !!options.keepsMemo };
    return this.order.run(
      chargePointId,
      () =>
        new Promise<T>((resolve, reject) =>
          this.scheduler.submit({ unit, resolve: resolve as (r: unknown) => void, reject }),
        ),
    );
  }

  private async flush(batch: Waiting[], executed: () => void): Promise<void> {
    try {
      const outcomes = await this.executor.execute(
        batch.map((w) => w.unit),
        executed,
      );
      this.published.publish(outcomes);
      outcomes.forEach((o, i) =>
        o.committed ? batch[i].resolve(o.result) : batch[i].reject(o.error),
      );
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
