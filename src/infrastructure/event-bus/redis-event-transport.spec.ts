import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisReachable, testRedisUrl } from '../../../test/helpers/redis.js';
import { ChargePointEvent } from '../../common/contracts/charge-point-events.js';
import { RedisEventTransport } from './redis-event-transport.js';

const url = testRedisUrl;

const reachable = await redisReachable('the Redis transport spec');

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const online = (chargePointId: string, seq: number) =>
  new ChargePointEvent(chargePointId, 'ChargePointOnline', seq, new Date().toISOString(), {
    reconnected: seq > 1,
  });

(reachable ? describe : describe.skip)('RedisEventTransport', () => {
  const keyPrefix = `voltline-test-${randomBytes(4).toString('hex')}:`;
  const options = { url, keyPrefix, resumeBuffer: 10, resumeWindowS: 60 };
  let sender: RedisEventTransport;
  let receiver: RedisEventTransport;
  let probe: Redis;

  beforeAll(() => {
    sender = new RedisEventTransport(options);
    receiver = new RedisEventTransport(options);
    probe = new Redis(url);
  });

  afterAll(async () => {
    const keys = await probe.keys(`${keyPrefix}*`);
    if (keys.length > 0) await probe.del(...keys);
    probe.disconnect();
    await Promise.all([sender?.close(), receiver?.close()]);
  });

  it('delivers the events of one turn (sent as one MULTI) in order, and keeps them for resume', async () => {
    receiver.watch('CP_A');
    receiver.watch('CP_B');
    // whenWatching gives up after 1 s (by design): on a busy machine the subscriptions may take
    // longer, so wait until Redis itself counts them, and until the sender can send
    await until(async () => {
      const channels = ['CP_A', 'CP_B'].map((id) => `${keyPrefix}cp:${id}`);
      // [channel, count, channel, count]
      const reply = (await probe.pubsub('NUMSUB', ...channels)) as (string | number)[];
      const subscribed = reply.filter((x, i) => i % 2 === 1 && Number(x) >= 1).length;
      return sender.status() === 'up' && subscribed === channels.length;
    });

    const received: string[] = [];
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got only ${received.join(', ')}`)), 5000);
      receiver.onRemoteEvent((e) => {
        received.push(`${e.chargePointId}#${e.seq}`);
        if (received.length === 5) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    for (const [cp, seq] of [
      ['CP_A', 1],
      ['CP_B', 1],
      ['CP_A', 2],
      ['CP_A', 3],
      ['CP_B', 2],
    ] as const)
      sender.publish(online(cp, seq));
    await all;

    expect(received.filter((r) => r.startsWith('CP_A'))).toEqual(['CP_A#1', 'CP_A#2', 'CP_A#3']);
    expect(received.filter((r) => r.startsWith('CP_B'))).toEqual(['CP_B#1', 'CP_B#2']);
    expect((await receiver.since('CP_A', 1))?.map((e) => e.seq)).toEqual([2, 3]);
    expect((await receiver.since('CP_B', 0))?.map((e) => e.seq)).toEqual([1, 2]);
  });
});
