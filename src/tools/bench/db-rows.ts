import { createRequire } from 'node:module';
import pg from 'pg';
import type { RunContext } from './run-context.js';

// better-sqlite3 ships no types; the little used here is typed by hand
interface SqliteDatabase {
  prepare(sql: string): { get(): { n: number } | undefined };
  close(): void;
}
type SqliteConstructor = new (
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => SqliteDatabase;
const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;

// Reads the server's database from the bench: how many meter sample rows it holds (one row per
// sampled value), to check that what was answered was persisted.

export type RowCounter = () => Promise<number>;

/** A counter on the database of a deployment's env (DATABASE_URL, or else SQLITE_PATH). */
export async function meterSampleRows(
  ctx: RunContext,
  env: Record<string, string>,
): Promise<RowCounter> {
  const sql = 'SELECT count(*) AS n FROM meter_value_samples';
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL, query_timeout: 30_000 });
    await client.connect();
    ctx.defer(() => client.end());
    return async () => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  }
  const db = new Database(env.SQLITE_PATH, { readonly: true, fileMustExist: true });
  ctx.defer(() => db.close());
  const count = db.prepare(sql);
  return async () => count.get()?.n ?? NaN;
}
