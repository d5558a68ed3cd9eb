import { CallQueue } from './call-queue.js';

const deferred = () => {
  let resolve!: (v: string) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('CallQueue', () => {
  it('starts a call only when the one before it has ended, in the order they came', async () => {
    const queue = new CallQueue(5);
    const first = deferred();
    const started: string[] = [];
    const a = queue.push(() => (started.push('a'), first.promise));
    const b = queue.push(async () => (started.push('b'), 'b'));
    await Promise.resolve();
    expect(started).toEqual(['a']);

    first.resolve('a');

    expect(await a).toBe('a');
    expect(await b).toBe('b');
    expect(started).toEqual(['a', 'b']);
  });

  it('goes on after a call that failed', async () => {
    const queue = new CallQueue(5);
    const failed = queue.push(() => Promise.reject(new Error('no')));
    const next = queue.push(async () => 'next');

    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe('next');
  });

  it('refuses a call past the bound, and takes one again once a place frees', async () => {
    const queue = new CallQueue(2);
    const first = deferred();
    const a = queue.push(() => first.promise);
    const b = queue.push(async () => 'b');

    await expect(queue.push(async () => 'c')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(queue.length).toBe(2);

    first.resolve('a');
    await Promise.all([a, b]);
    expect(queue.length).toBe(0);
    expect(await queue.push(async () => 'd')).toBe('d');
  });
});
