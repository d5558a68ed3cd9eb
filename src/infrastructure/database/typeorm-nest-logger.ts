import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isUniqueViolation } from './unique-violation.js';

// TypeORM's own logger prints with console.log; route its errors and warnings through Nest's
// logger instead. Query parameters are left out: they carry id tags and other personal data.
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  constructor(private readonly onError: () => void = () => undefined) {}

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    // a unique index refusing a row is an expected outcome (409, an idempotent retry), not a fault
    if (isUniqueViolation(error)) return;
    this.onError();
    const message = error instanceof Error ? error.message : error;
    this.logger.error(`${message} (query: ${query.slice(0, 200)})`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 200)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
