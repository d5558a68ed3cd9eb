import type { EntityManager } from 'typeorm';
import type { PendingEvent } from '../../../../common/contracts/charge-point-events.js';
import { serialisedManager } from '../../../../infrastructure/database/serialised-manager.js';
import type { TransactionRunner } from '../../../../infrastructure/database/transaction-runner.js';
import { BatchScope } from '../batch-scope.js';
import type { ChargerMemos } from './charger-memos.js';
import { OneStatementWrite } from './one-statement-write.js';
import type { SeqStamper } from './seq-stamper.js';
import type { ChargerUnit, UnitOutcome } from './unit.js';

type Committed = Extract<UnitOutcome, { committed: true }>;

interface Ran {
  result: unknown;
  events: PendingEvent[];
}

// Runs the units of a batch (different chargers) in one database transaction: side by side on
// one manager (whose queries wait their turn on the connection), then their deferred writes,
// then one statement that stamps their events' seqs, then one commit. A batch that fails is
// rolled back as a whole and runs again once, its units one after another in one transaction,
// each inside its own SAVEPOINT: a bad unit is rolled back to its savepoint and fails alone,
// with its own error, and the others commit together. Memos: a unit that may change what its
// charger's memo holds drops it first; what the units stage is kept once their batch commits.
// On PostgreSQL a batch of readings-only units (the hot path) needs no transaction at all: see
// executeInOneStatement.
export class BatchExecutor {
  private readonly oneStatement: OneStatementWrite;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly memos: ChargerMemos,
    private readonly stamper: SeqStamper,
  ) {
    this.oneStatement = new OneStatementWrite(stamper);
  }

  /** `executed` is called once the batch has sent its last statement but the commit. */
  async execute(
    batch: ChargerUnit[],
    executed: () => void = () => undefined,
  ): Promise<UnitOutcome[]> {
    for (const unit of batch) if (!unit.keepsMemo) this.memos.drop(unit.chargePointId);
    if (this.tx.concurrent && batch.every((unit) => unit.keepsMemo)) {
      return this.executeInOneStatement(batch, executed);
    }
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

  // Readings-only units read through the batch and defer their writes, and in the steady state
  // they send nothing at all before those writes (their charger's memo answers): the batch then
  // needs no transaction, its writes and seqs going as one statement (OneStatementWrite), which
  // is also its commit; the next batch starts once it is answered, so what arrives meanwhile
  // joins that batch and the batches grow with the load. A unit that does send a query (a read
  // the memo could not answer, a connector's first mention) begins a transaction first, and the
  // batch commits as one. A failed batch runs again the usual way, each unit in its savepoint.
  private async executeInOneStatement(
    batch: ChargerUnit[],
    executed: () => void,
  ): Promise<UnitOutcome[]> {
    let scope: BatchScope | undefined;
    let done: Committed[] | undefined;
    try {
      done = await this.tx.onConnection(async (connection) => {
        const runner = connection.queryRunner!;
        const begin = () => runner.startTransaction();
        const shared = serialisedManager(connection, { beforeFirstQuery: begin });
        let ran: Ran[];
        try {
          scope = this.scope(shared.manager);
          ran = await this.runUnits(shared.manager, batch, scope);
        } finally {
          await shared.drained();
        }
        // the units are done: what follows goes on the connection itself
        const units = emittedBy(batch, ran);
        let stamped = await this.oneStatement.write(connection, scope, units);
        if (!stamped) {
          if (!runner.isTransactionActive) await begin();
          await scope.flush();
          stamped = await this.stamper.stamp(connection, units);
        }
        return committed(ran, stamped);
      });
    } catch {
      // the retry gives each unit its own error
    }
    executed();
    if (!done) return this.executeIsolated(batch);
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
    const ran = await this.runUnits(m, batch, scope);
    await scope.flush();
    return committed(ran, await this.stamper.stamp(m, emittedBy(batch, ran)));
  }

  // The units side by side; throws the first unit's error once all have settled.
  private async runUnits(m: EntityManager, batch: ChargerUnit[], scope: BatchScope) {
    const settled = await Promise.allSettled(
      batch.map(async (unit): Promise<Ran> => {
        const events: PendingEvent[] = [];
        const result = await unit.work(m, (name, data) => events.push({ name, data }), scope);
        return { result, events };
      }),
    );
    return settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
  }
}

const emittedBy = (batch: ChargerUnit[], ran: Ran[]) =>
  batch.map((unit, i) => ({ chargePointId: unit.chargePointId, events: ran[i].events }));

const committed = (ran: Ran[], stamped: Committed['events'][]): Committed[] =>
  ran.map(({ result }, i) => ({ committed: true, result, events: stamped[i] }));
