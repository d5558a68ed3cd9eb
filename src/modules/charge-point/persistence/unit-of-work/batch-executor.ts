import type { EntityManager } from 'typeorm';
import type { PendingEvent } from '../../../../common/contracts/charge-point-events.js';
import { serialisedManager } from '../../../../infrastructure/database/serialised-manager.js';
import type { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { BatchScope } from '../batch-scope.js';
import type { ChargerMemos } from './charger-memos.js';
import type { SeqStamper } from './seq-stamper.js';
import type { ChargerUnit, UnitOutcome } from './unit.js';

type Committed = Extract<UnitOutcome, { committed: true }>;

// Runs the units of a batch (different chargers) in one database transaction: side by side on
// one manager (whose queries wait their turn on the connection), then their deferred writes,
// then one statement that stamps their events' seqs, then one commit. A batch that fails is
// rolled back as a whole and runs again once, its units one after another in one transaction,
// each inside its own SAVEPOINT: a bad unit is rolled back to its savepoint and fails alone,
// with its own error, and the others commit together. Memos: a unit that may change what its
// charger's memo holds drops it first; what the units stage is kept once their batch commits.
export class BatchExecutor {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly memos: ChargerMemos,
    private readonly stamper: SeqStamper,
  ) {}

  /** `executed` is called once the batch has sent its last statement but the commit. */
  async execute(
    batch: ChargerUnit[],
    executed: () => void = () => undefined,
  ): Promise<UnitOutcome[]> {
    for (const unit of batch) if (!unit.keepsMemo) this.memos.drop(unit.chargePointId);
    let scope: BatchScope | undefined;
    let done: Committed[];
    try {
      done = await this.tx.run(async (transaction) => {
        const shared = serialisedManager(transaction);
        try {
          scope = this.scope(shared.manager);
          const ran = await this.runTogether(shared.manager, batch, scope);
          executed();
          return ran;
        } finally {
          await shared.drained();
        }
      });
    } catch (error) {
      executed();
      if (batch.length === 1) return [{ committed: false, error }];
      return this.executeIsolated(batch);
    }
    this.memos.remember(scope!.memos);
    return done;
  }

  // The batch again, each unit alone inside a savepoint of one transaction.
  private async executeIsolated(batch: ChargerUnit[]): Promise<UnitOutcome[]> {
    const outcomes: UnitOutcome[] = [];
    const scopes: BatchScope[] = [];
    try {
      await this.tx.run(async (transaction) => {
        const shared = serialisedManager(transaction);
        const m = shared.manager;
        for (const unit of batch) {
          const scope = this.scope(m);
          await m.query('SAVEPOINT unit_of_work');
          try {
            const [done] = await this.runTogether(m, [unit], scope);
            await m.query('RELEASE SAVEPOINT unit_of_work');
            outcomes.push(done);
            scopes.push(scope);
          } catch (error) {
            await m.query('ROLLBACK TO SAVEPOINT unit_of_work'); // queued behind what it left
            await m.query('RELEASE SAVEPOINT unit_of_work');
            outcomes.push({ committed: false, error });
          }
        }
        await shared.drained();
      });
    } catch (error) {
      // the transaction itself failed (the commit, the connection): nothing of it was kept
      return batch.map(() => ({ committed: false, error }));
    }
    for (const scope of scopes) this.memos.remember(scope.memos);
    return outcomes;
  }

  private scope(m: EntityManager): BatchScope {
    return new BatchScope(m, (id) => this.memos.get(id));
  }

  // Throws the first unit's error: the caller rolls the whole batch back.
  private async runTogether(
    m: EntityManager,
    batch: ChargerUnit[],
    scope: BatchScope,
  ): Promise<Committed[]> {
    const settled = await Promise.allSettled(
      batch.map(async (unit) => {
        const events: PendingEvent[] = [];
        const result = await unit.work(m, (name, data) => events.push({ name, data }), scope);
        return { result, events };
      }),
    );
    const ran = settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    await scope.flush();
    const stamped = await this.stamper.stamp(
      m,
      batch.map((unit, i) => ({ chargePointId: unit.chargePointId, events: ran[i].events })),
    );
    return ran.map(({ result }, i) => ({ committed: true, result, events: stamped[i] }));
  }
}
