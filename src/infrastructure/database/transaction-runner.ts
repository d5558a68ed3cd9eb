import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

// TypeORM's better-sqlite3 driver shares one query runner, so two concurrent transactions would
// silently nest as savepoints of each other. On SQLite we therefore run them one at a time; on
// PostgreSQL each gets its own pooled connection and they run side by side.
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type !== 'postgres';
  }

  /** Whether transactions run side by side (PostgreSQL) or one at a time (SQLite). */
  get concurrent(): boolean {
    return !this.serial;
  }

  /**
   * PostgreSQL: work on one pooled connection, each statement committing by itself unless the
   * work begins a transaction (`manager.queryRunner.startTransaction()`): one it began commits
   * when the work resolves and rolls back when it throws.
   */
  async onConnection<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.serial) throw new Error('Work on a connection of its own needs PostgreSQL');
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const result = await work(runner.manager);
      if (runner.isTransactionActive) await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** `isolation` applies to PostgreSQL (SQLite transactions are serial, hence consistent). */
  run<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation?: 'REPEATABLE READ' | 'SERIALIZABLE',
  ): Promise<T> {
    if (!this.serial) {
      return isolation
        ? this.dataSource.transaction(isolation, work)
        : this.dataSource.transaction(work);
    }
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
