import type { Env } from './env.schema.js';

export const databaseConfig = (e: Env) => ({ url: e.DATABASE_URL, sqlitePath: e.SQLITE_PATH });
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
