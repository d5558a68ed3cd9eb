import { Redis } from 'ioredis';
import { servicesRequired } from './databases.js';

/** The Redis the specs of Redis adapters use (TEST_REDIS_URL). */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers at `url`; with REQUIRE_SERVICES=1 an unreachable Redis is an error
 * rather than a skipped suite (`what` names the suite in the warning).
 */
export async function redisReachable(what: string, url = testRedisUrl): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    if (servicesRequired())
      throw new Error(`REQUIRE_SERVICES=1 but Redis is unreachable at ${url}`);
    console.warn(`Redis unreachable: ${what} was skipped`);
    return false;
  } finally {
    probe.disconnect();
  }
}
