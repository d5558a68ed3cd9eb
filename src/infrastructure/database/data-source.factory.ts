import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/index.js';
import { TypeOrmNestLogger } from './typeorm-nest-logger.js';
import { GrantsAndSubscriptions1764100000000 } from './migrations/1764100000000-grants-and-subscriptions.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { RemoteCommands1765000000000 } from './migrations/1765000000000-remote-commands.js';
import { SecurityProfile1765100000000 } from './migrations/1765100000000-security-profile.js';
import { WideMeterReadings1765100000001 } from './migrations/1765100000001-wide-meter-readings.js';
import { OperatorApi1765200000000 } from './migrations/1765200000000-operator-api.js';
import { Ocpp2011765500000000 } from './migrations/1765500000000-ocpp201.js';
import { LeanSampleIndexes1766000000000 } from './migrations/1766000000000-lean-sample-indexes.js';

export const migrations = [
  InitialSchema1764000000000,
  GrantsAndSubscriptions1764100000000,
  RemoteCommands1765000000000,
  SecurityProfile1765100000000,
  WideMeterReadings1765100000001,
  OperatorApi1765200000000,
  Ocpp2011765500000000,
  LeanSampleIndexes1766000000000,
];

// PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file (WAL, so that
// readers never wait for the writer). The schema always comes from migrations, never `synchronize`.
export function dataSourceOptions(config: DatabaseConfig, onError?: () => void): DataSourceOptions {
  const common = {
    migrations,
    migrationsRun: false, // run by initialiseDataSource, under a lock
    synchronize: false,
    logger: new TypeOrmNestLogger(onError),
    maxQueryExecutionTime: 1000,
  };
  if (config.url) {
    return { type: 'postgres', url: config.url, ...common, extra: { max: 10 } };
  }
  if (config.sqlitePath !== ':memory:') mkdirSync(dirname(config.sqlitePath), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: config.sqlitePath,
    ...common,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    },
  };
}

// Any number of instances may start at once on an empty PostgreSQL database: the migrations run
// under an advisory lock, so that one instance migrates and the others find the work done.
const MIGRATION_LOCK = 72_620_150;

export async function initialiseDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  if (options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
