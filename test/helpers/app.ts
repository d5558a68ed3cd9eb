import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/bootstrap.js';
import { createDatabase, type TestDatabase } from './databases.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly httpUrl: string;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** The real app, on its own fresh database, listening on 127.0.0.1 and an ephemeral port. */
export async function startApp(
  dialect: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  existing?: TestDatabase,
): Promise<TestApp> {
  const db = existing ?? (await createDatabase(dialect));
  const app = await createApp({
    // a fixed admin password keeps the generated one from being printed by every test app
    env: {
      NODE_ENV: 'test',
      ADMIN_PASSWORD: 'admin-password-for-tests',
      ...redisTransportEnv(),
      ...db.env,
      ...env,
    },
    logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : false,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    db,
    dataSource: app.get(DataSource),
    httpUrl: `${env.TLS_CERT_FILE ? 'https' : 'http'}://127.0.0.1:${port}`,
    wsUrl: `${env.TLS_CERT_FILE ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
    },
  };
}

/**
 * TEST_EVENT_TRANSPORT=redis runs every single-instance suite again on the Redis event
 * transport (.ci/run does), each app on its own key prefix, so that both transports pass the
 * same behaviour tests.
 */
function redisTransportEnv(): Record<string, string> {
  if (process.env.TEST_EVENT_TRANSPORT !== 'redis') return {};
  return {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `test-${randomBytes(6).toString('hex')}:`,
  };
}
