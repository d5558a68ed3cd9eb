import { KeyedSerialQueue } from './keyed-serial-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedSerialQueue', () => {
  it('runs the steps of one key one at a time, in the order they came, whatever they take', async () => {
    const order = new KeyedSerialQueue();
    const log: string[] = [];
    const step = (name: string, ticks: number) => async () => {
      log.push(`${name} start`);
      for (let i = 0; i < ticks; i++) await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      order.run('cp', step('a', 5)),
      order.run('cp', step('b', 0)),
      order.run('cp', step('c', 2)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets other keys run meanwhile', async () => {
    const order = new KeyedSerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const blocked = order.run('one', () => new Promise<void>((r) => (release = r)));
    await order.run('two', async () => void log.push('two ran'));
    expect(log).toEqual(['two ran']);
    release();
    await blocked;
  });

  it('goes on after a failed step, which fails its own caller only; idle keys are forgotten', async () => {
    const order = new KeyedSerialQueue();
    const failed = order.run('cp', () => Promise.reject(new Error('boom')));
    const next = order.run('cp', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    await tick();
    expect(order.size).toBe(0);
  });
});
