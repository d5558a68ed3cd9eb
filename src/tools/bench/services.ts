import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

// Throwaway databases and Redis key prefixes, one per run, always removed afterwards.

export const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Throwaway {
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

export function sqliteDatabase(): Throwaway {
  const dir = mkdtempSync(join(tmpdir(), 'voltline-bench-'));
  return {
    env: { SQLITE_PATH: join(dir, 'csms.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function withPostgres<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    connectionTimeoutMillis: 5000,
    query_timeout: 30_000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresDatabase(): Promise<Throwaway> {
  const name = `voltline_bench_${randomBytes(6).toString('hex')}`;
  await withPostgres((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () =>
      withPostgres((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** A key prefix of its own on the shared Redis; drop() deletes its keys (bounded SCAN). */
export function redisPrefix(): Throwaway {
  const prefix = `bench-${randomBytes(6).toString('hex')}:`;
  return {
    env: { REDIS_URL, REDIS_KEY_PREFIX: prefix },
    drop: async () => {
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
      try {
        let cursor = '0';
        for (let i = 0; i < 10_000; i++) {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
          if (cursor === '0') break;
        }
      } finally {
        redis.disconnect();
      }
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await withPostgres((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

export async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
