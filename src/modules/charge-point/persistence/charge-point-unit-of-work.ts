import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { EntityManager, QueryRunner } from 'typeorm';
import {
  ChargePointEvent,
  type ChargePointEventData,
  type ChargePointEventName,
  type PendingEvent,
} from '../../../common/contracts/charge-point-events.js';
import { TransactionRunner } from '../../../infrastructure/database/transaction-runner.js';
import { BatchScope } from './batch-scope.js';
import { ChargePointEntity } from './charge-point.entity.js';

export type Emit = <N extends ChargePointEventName>(name: N, data: ChargePointEventData[N]) => void;

export type UnitOfWork<T> = (manager: EntityManager, emit: Emit, batch: BatchScope) => Promise<T>;

// The units of a batch run side by side on one connection. `pg` still queues a query sent while
// another runs, but deprecates it (pg 9 drops it): the transaction's runner queues them itself.
// (Once per runner: SQLite's driver keeps one runner for every transaction.)
const serialised = new WeakSet<QueryRunner>();
function serialiseQueries(runner: QueryRunner): void {
  if (serialised.has(runner)) return;
  serialised.add(runner);
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}

export interface UnitOfWorkOptions {
  /** The unit keeps the charger's memo as it is (it writes nothing another unit remembers). */
  keepsMemo?: boolean;
}

interface Queued {
  chargePointId: string;
  work: UnitOfWork<unknown>;
  keepsMemo: boolean;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

interface Done {
  result: unknown;
  events: ChargePointEvent[];
}

/** Chargers whose memo is kept at most (the oldest goes first); a charger's memo is small. */
const MAX_MEMOS = 100_000;

/** Units of work that share one transaction at most (bounds the statements' parameters). */
const MAX_BATCH = 200;

/** Batches between their first statement and their commit's answer, at most (PostgreSQL). */
const COMMITS_IN_FLIGHT = 4;

// One database transaction for one charger's change: the work writes its rows and emits events;
// the events get the charger's next `seq` numbers inside the same transaction (so `seq` survives
// restarts and never repeats), and are published only after the commit. One charger's units of
// work run one after another (its connection events race its OCPP calls otherwise), so that
// events are published in seq order.
//
// Units of work of different chargers that are due at the same time share one transaction (a
// batch): they run side by side on its manager, their seqs are stamped by one statement, and one
// commit makes them durable. Under load this turns thousands of small transactions a second into
// a few hundred larger ones (a commit and a round trip per statement were most of the cost). A
// batch that fails is rolled back as a whole and runs again once, its units one after another in
// one transaction, each inside its own SAVEPOINT: a bad unit is rolled back to its savepoint and
// fails alone, with its own error, and the others commit together. One batch at a time runs
// its statements; the next one gathers what arrives meanwhile. On PostgreSQL it starts as soon as
// the previous one has sent its last statement, without waiting for that commit (a flush to disk):
// commits overlap, statements do not, and batches stay large. A charger has one unit in flight at
// most, so two batches never hold the same charger.
@Injectable()
export class ChargePointUnitOfWork {
  private readonly tails = new Map<string, Promise<unknown>>();
  private queue: Queued[] = [];
  private scheduled = false;
  /** A batch is running its statements. */
  private executing = false;
  /** Batches not yet committed (or failed). */
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly memos = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly eventBus: EventBus,
  ) {
    this.maxInFlight = tx.concurrent ? COMMITS_IN_FLIGHT : 1;
  }

  run<T>(chargePointId: string, work: UnitOfWork<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    const previous = this.tails.get(chargePointId) ?? Promise.resolve();
    const next = previous.then(() => this.enqueue(chargePointId, work, !!options.keepsMemo));
    const tail = next.catch(() => undefined);
    this.tails.set(chargePointId, tail);
    void tail.then(() => {
      if (this.tails.get(chargePointId) === tail) this.tails.delete(chargePointId);
    });
    return next;
  }

  private enqueue<T>(chargePointId: string, work: UnitOfWork<T>, keepsMemo: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        chargePointId,
        work,
        keepsMemo,
        resolve: resolve as (r: unknown) => void,
        reject,
      });
      this.schedule();
    });
  }

  // After the current I/O callbacks, so that units due in the same turn join one batch.
  private schedule(): void {
    if (this.scheduled || this.executing || this.inFlight >= this.maxInFlight) return;
    if (this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.executing || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.executing = true;
      this.inFlight++;
      const executed = () => {
        if (!this.executing) return;
        this.executing = false;
        this.schedule();
      };
      void this.flush(batch, executed).finally(() => {
        this.inFlight--;
        executed();
        this.schedule();
      });
    });
  }

  /** `executed` is called once the batch has sent its last statement but the commit. */
  private async flush(batch: Queued[], executed: () => void = () => undefined): Promise<void> {
    let done: Done[];
    let scope: BatchScope | undefined;
    try {
      done = await this.tx.run(async (m) => {
        scope = new BatchScope(m, (id) => this.memos.get(id));
        const ran = await this.runBatch(m, batch, scope);
        executed();
        return ran;
      });
    } catch (err) {
      executed();
      if (batch.length === 1) return batch[0].reject(err);
      return this.flushIsolated(batch);
    }
    this.remember(scope!.memos);
    const events = done.flatMap((d) => d.events);
    if (events.length > 0) this.eventBus.publishAll(events);
    done.forEach((d, i) => batch[i].resolve(d.result));
  }

  // The batch again, each unit alone inside a savepoint of one transaction.
  private async flushIsolated(batch: Queued[]): Promise<void> {
    const failed = new Map<Queued, unknown>();
    const succeeded: Array<{ unit: Queued; scope: BatchScope; done: Done }> = [];
    try {
      await this.tx.run(async (m) => {
        if (m.queryRunner) serialiseQueries(m.queryRunner);
        for (const unit of batch) {
          const scope = new BatchScope(m, (id) => this.memos.get(id));
          await m.query('SAVEPOINT unit_of_work');
          try {
            const [done] = await this.runBatch(m, [unit], scope);
            await m.query('RELEASE SAVEPOINT unit_of_work');
            succeeded.push({ unit, scope, done });
          } catch (err) {
            await m.query('ROLLBACK TO SAVEPOINT unit_of_work');
            await m.query('RELEASE SAVEPOINT unit_of_work');
            failed.set(unit, err);
          }
        }
      });
    } catch (err) {
      // the transaction itself failed (the commit, the connection): nothing of it was kept
      for (const unit of batch) unit.reject(err);
      return;
    }
    for (const { scope } of succeeded) this.remember(scope.memos);
    const events = succeeded.flatMap((s) => s.done.events);
    if (events.length > 0) this.eventBus.publishAll(events);
    for (const { unit, done } of succeeded) unit.resolve(done.result);
    for (const [unit, err] of failed) unit.reject(err);
  }

  private remember(staged: ReadonlyMap<string, ReadonlyMap<string, unknown>>): void {
    for (const [chargePointId, entries] of staged) {
      const memo = this.memos.get(chargePointId) ?? new Map<string, unknown>();
      for (const [key, value] of entries) memo.set(key, value);
      this.memos.delete(chargePointId); // most recent last
      this.memos.set(chargePointId, memo);
    }
    while (this.memos.size > MAX_MEMOS) this.memos.delete(this.memos.keys().next().value!);
  }

  private async runBatch(m: EntityManager, batch: Queued[], scope: BatchScope): Promise<Done[]> {
    if (m.queryRunner) serialiseQueries(m.queryRunner);
    for (const unit of batch) if (!unit.keepsMemo) this.memos.delete(unit.chargePointId);
    const outcomes = await Promise.allSettled(
      batch.map(async (unit) => {
        const collected: PendingEvent[] = [];
        const result = await unit.work(m, (name, data) => collected.push({ name, data }), scope);
        return { result, collected };
      }),
    );
    const ran = outcomes.map((o) => {
      if (o.status === 'rejected') throw o.reason;
      return o.value;
    });
    await scope.flush();
    const seqs = await this.stamp(
      m,
      batch.map((unit, i) => ({
        chargePointId: unit.chargePointId,
        count: ran[i].collected.length,
      })),
    );
    const at = new Date().toISOString();
    return ran.map(({ result, collected }, i) => {
      const { chargePointId } = batch[i];
      const first = (seqs.get(chargePointId) ?? 0) - collected.length + 1;
      const events = collected.map(
        (e, j) => new ChargePointEvent(chargePointId, e.name, first + j, at, e.data),
      );
      return { result, events };
    });
  }

  // One statement for the whole batch: each charger's last_seq goes up by the number of events
  // it emitted, and comes back (the row lock on PostgreSQL queues concurrent writers of a charger).
  private async stamp(
    m: EntityManager,
    units: { chargePointId: string; count: number }[],
  ): Promise<Map<string, number>> {
    const emitting = units.filter((u) => u.count > 0);
    const seqs = new Map<string, number>();
    if (emitting.length === 0) return seqs;
    const params: Record<string, unknown> = { ids: emitting.map((u) => u.chargePointId) };
    const cases = emitting
      .map((u, i) => {
        params[`id${i}`] = u.chargePointId;
        params[`n${i}`] = u.count;
        return `WHEN :id${i} THEN CAST(:n${i} AS integer)`;
      })
      .join(' ');
    const table = m.dataSource.getMetadata(ChargePointEntity).tableName;
    const [sql, values] = m.dataSource.driver.escapeQueryWithParameters(
      `UPDATE ${table} SET last_seq = last_seq + CASE id ${cases} ELSE 0 END ` +
        `WHERE id IN (:...ids) RETURNING id, last_seq`,
      params,
    );
    const { records } = await m.queryRunner!.query(sql, values, true);
    for (const row of records as { id: string; last_seq: number | string }[]) {
      seqs.set(row.id, Number(row.last_seq));
    }
    const missing = emitting.find((u) => !seqs.has(u.chargePointId));
    if (missing) throw new Error(`Charge point ${missing.chargePointId} is gone`);
    return seqs;
  }
}
