import { jest } from '@jest/globals';
import type { QueryRunner } from 'typeorm';

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * Where a transaction's queries meet its connection: on PostgreSQL the pg client itself (which
 * deprecates a query sent while another runs), on SQLite the transaction's runner.
 */
export const connectionOf = (runner: QueryRunner, dialect: string): { query: Query } =>
  dialect === 'postgres'
    ? (runner as unknown as { databaseConnection: { query: Query } }).databaseConnection
    : (runner as unknown as { query: Query });

/**
 * Spies on `target.query`: `seen.max` is the most queries ever sent and not yet answered at once.
 * (pg's own DeprecationWarning is emitted once per process and never reaches Jest's `process`.)
 */
export function watchConcurrency(target: { query: Query }) {
  const original = target.query;
  let now = 0;
  const seen = { max: 0, total: 0 };
  const spy = jest.spyOn(target, 'query').mockImplementation(function (this: unknown, ...args) {
    now++;
    seen.total++;
    seen.max = Math.max(seen.max, now);
    return Promise.resolve(original.apply(this, args)).finally(() => now--);
  });
  return { seen, restore: () => spy.mockRestore() };
}
