import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import {
  dataSourceOptions,
  initialiseDataSource,
} from '../../src/infrastructure/database/data-source.factory.js';

// Each e2e suite runs on SQLite always and on PostgreSQL when one answers. With
// REQUIRE_SERVICES=1 (CI) an unreachable PostgreSQL is a failure, not a skip.

export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** Environment for the app under test. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

const adminUrl = () =>
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'voltline-test-'));
  return {
    dialect: 'sqlite',
    env: { SQLITE_PATH: join(dir, 'csms.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `voltline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

let postgresReachable: Promise<boolean> | undefined;

export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const c = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  return postgresReachable;
}

export const servicesRequired = () => process.env.REQUIRE_SERVICES === '1';

/**
 * The dialects a persistence suite runs on. Jest collects tests synchronously, so the check
 * of PostgreSQL happens at module load through top-level await in the spec.
 */
export async function testDialects(): Promise<Array<'sqlite' | 'postgres'>> {
  if (await isPostgresReachable()) return ['sqlite', 'postgres'];
  if (servicesRequired()) {
    throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is unreachable at ${adminUrl()}`);
  }
  console.warn('PostgreSQL unreachable: the PostgreSQL variant of this suite was skipped');
  return ['sqlite'];
}

export function createDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  return dialect === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}

/** A DataSource on `db` with every migration run, mapping `entities` (the specs' own choice). */
export function migratedDataSource(
  db: TestDatabase,
  entities: NonNullable<DataSourceOptions['entities']> = [],
): Promise<DataSource> {
  return initialiseDataSource({
    ...dataSourceOptions({ url: db.env.DATABASE_URL, sqlitePath: db.env.SQLITE_PATH }),
    entities,
  });
}
