import { randomBytes } from 'node:crypto';
import { redisReachable, testRedisUrl } from '../../../test/helpers/redis.js';
import { LocalPresenceStore } from './local-presence-store.js';
import { RedisPresenceStore } from './redis-presence-store.js';

const url = testRedisUrl;

const reachable = await redisReachable('the Redis presence store spec');

(reachable ? describe : describe.skip)('RedisPresenceStore', () => {
  const prefix = `test:${randomBytes(4).toString('hex')}:`;
  let store: RedisPresenceStore;

  beforeEach(async () => {
    store = new RedisPresenceStore(url, prefix);
    // no offline queue: operations fail until the connection is up (as the app's do at start)
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        await store.holder('none');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  });
  afterEach(() => store.close());

  it('claims a charger and says who held it before', async () => {
    expect(await store.claim('CP1', 'a', 30)).toBeNull();
    expect(await store.claim('CP1', 'b', 30)).toBe('a');
    expect(await store.holder('CP1')).toBe('b');
  });

  it('releases only what the instance still holds', async () => {
    await store.claim('CP2', 'a', 30);
    await store.claim('CP2', 'b', 30);
    await store.release('CP2', 'a'); // a's key was taken over: b keeps it
    expect(await store.holder('CP2')).toBe('b');
    await store.release('CP2', 'b');
    expect(await store.holder('CP2')).toBeNull();
  });

  it('refreshes keys with a new time to live, and reads the holders of many', async () => {
    await store.refresh(['CP3', 'CP4'], 'a', 1);
    expect(await store.holders(['CP3', 'CP4', 'CP5'])).toEqual(['a', 'a', null]);
    await store.refresh(['CP3'], 'a', 30);
    await new Promise((r) => setTimeout(r, 1300));
    // CP4 was not refreshed: its instance is taken for lost
    expect(await store.holders(['CP3', 'CP4'])).toEqual(['a', null]);
  });
});

describe('LocalPresenceStore', () => {
  it('is not shared, and records nobody', async () => {
    const store = new LocalPresenceStore();
    expect(store.shared).toBe(false);
    expect(await store.claim()).toBeNull();
    expect(await store.holders(['A', 'B'])).toEqual([null, null]);
  });
});
