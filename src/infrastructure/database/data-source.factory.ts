import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/index.js';
import { TypeOrmNestLogger } from './typeorm-nest-logger.js';
import { GrantsAndSubscriptions1764100000000 } from './migrations/1764100000000-grants-and-subscriptions.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';

export const migrations = [InitialSchema1764000000000, GrantsAndSubscriptions1764100000000];

// PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file (WAL, so that
// readers never wait for the writer). The schema always comes from migrations, never `synchronize`.
export function dataSourceOptions(config: DatabaseConfig, onError?: () => void): DataSourceOptions {
  const common = {
    migrations,
    migrationsRun: true,
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
