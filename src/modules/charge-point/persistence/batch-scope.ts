import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { SqlParameters } from '../../../infrastructure/database/sql-parameters.js';

/** A read that the units of work sharing one transaction make as one query for all their keys. */
export interface BatchRead<K extends string | number, V> {
  read(m: EntityManager, keys: readonly K[]): Promise<Map<K, V>>;
}

/** A write deferred to the end of the shared transaction and made once for every unit's rows. */
export interface BatchWrite<R> {
  write(m: EntityManager, rows: R[]): Promise<void>;
  /**
   * PostgreSQL: the same write as one data-modifying statement for every row, its values added
   * to `params`, that may be joined with other writes into one statement (a WITH of each).
   * A write without it is made by `write` in a transaction.
   */
  statement?(m: EntityManager, rows: R[], params: SqlParameters): string;
}

/** What a charger's units of work remember from one batch to the next (see ChargePointUnitOfWork). */
export interface ChargerMemo {
  get<T>(key: string): T | undefined;
  /** Kept only if this batch commits. */
  set(key: string, value: unknown): void;
}

// What the units of work of one batch (different chargers, one database transaction) share:
// reads keyed by id are gathered across units into one query (DataLoader), and writes of many
// small rows are gathered into one statement made just before the stamping and the commit. The
// work of a hot path (MeterValues) thus costs a few statements per batch, not per message.
export class BatchScope {
  private readonly loaders = new Map<BatchRead<never, unknown>, DataLoader<never, unknown>>();
  private readonly deferred = new Map<BatchWrite<never>, unknown[]>();
  private readonly staged = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly manager: EntityManager,
    private readonly remembered: (
      chargePointId: string,
    ) => ReadonlyMap<string, unknown> | undefined = () => undefined,
  ) {}

  memo(chargePointId: string): ChargerMemo {
    return {
      get: <T>(key: string) => {
        const staged = this.staged.get(chargePointId);
        if (staged?.has(key)) return staged.get(key) as T;
        return this.remembered(chargePointId)?.get(key) as T | undefined;
      },
      set: (key, value) => {
        const staged = this.staged.get(chargePointId) ?? new Map<string, unknown>();
        this.staged.set(chargePointId, staged.set(key, value));
      },
    };
  }

  /** The memo entries set in this batch, by charger. */
  get memos(): ReadonlyMap<string, ReadonlyMap<string, unknown>> {
    return this.staged;
  }

  load<K extends string | number, V>(read: BatchRead<K, V>, key: K): Promise<V | undefined> {
    let loader = this.loaders.get(read as BatchRead<never, unknown>) as
      DataLoader<K, V | undefined> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V | undefined>(
        async (keys) => {
          const found = await read.read(this.manager, keys);
          return keys.map((k) => found.get(k));
        },
        { cache: false },
      );
      this.loaders.set(read as BatchRead<never, unknown>, loader as DataLoader<never, unknown>);
    }
    return loader.load(key);
  }

  defer<R>(write: BatchWrite<R>, rows: readonly R[]): void {
    if (rows.length === 0) return;
    const pending = this.deferred.get(write as BatchWrite<never>);
    if (pending) pending.push(...rows);
    else this.deferred.set(write as BatchWrite<never>, [...rows]);
  }

  /**
   * The deferred writes as statements (see BatchWrite.statement), now taken out of the scope;
   * null, with nothing taken, when one of them has no statement form.
   */
  deferredStatements(params: SqlParameters): string[] | null {
    const writes = [...this.deferred] as [BatchWrite<unknown>, unknown[]][];
    if (writes.some(([write]) => !write.statement)) return null;
    this.deferred.clear();
    return writes.map(([write, rows]) => write.statement!(this.manager, rows, params));
  }

  /** Makes the deferred writes, in the order their kinds were first deferred. */
  async flush(): Promise<void> {
    for (const [write, rows] of this.deferred) {
      this.deferred.delete(write);
      await (write as BatchWrite<unknown>).write(this.manager, rows);
    }
  }
}
