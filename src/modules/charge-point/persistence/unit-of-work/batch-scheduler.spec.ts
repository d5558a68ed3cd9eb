import { BatchScheduler } from './batch-scheduler.js';
import { KeyedSerialQueue } from '../../../../common/async/keyed-serial-queue.js';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

// a few turns of the event loop: what the scheduler set up with setImmediate has run
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

// A batch executor under the test's control: each batch is sent, then `executed`, then committed.
function recorder() {
  const batches: { items: string[]; executed(): void; commit(): void }[] = [];
  const execute = (items: string[], executed: () => void) => {
    const committed = deferred();
    batches.push({ items, executed, commit: committed.resolve });
    return committed.promise;
  };
  return { batches, execute };
}

describe('BatchScheduler', () => {
  it('puts what is due in one turn into one batch, up to maxBatch', async () => {
    const { batches, execute } = recorder();
    const scheduler = new BatchScheduler(execute, { maxBatch: 2, maxInFlight: 4 });
    ['a', 'b', 'c'].forEach((i) => scheduler.submit(i));
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b']]);
    batches[0].executed();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b'], ['c']]);
  });

  it('starts the next batch once the previous one executed, and holds it at maxInFlight commits', async () => {
    const { batches, execute } = recorder();
    const scheduler = new BatchScheduler(execute, { maxBatch: 10, maxInFlight: 2 });
    scheduler.submit('a');
    await turn();
    scheduler.submit('b');
    await turn();
    expect(batches).toHaveLength(1); // a is still sending its statements
    batches[0].executed();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a'], ['b']]);
    batches[1].executed();
    scheduler.submit('c');
    await turn();
    expect(batches).toHaveLength(2); // two uncommitted batches: c waits
    batches[0].commit();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['a'], ['b'], ['c']]);
  });

  it("batches different chargers together while one charger's units follow one another", async () => {
    const { batches, execute } = recorder();
    const scheduler = new BatchScheduler(execute, { maxBatch: 10, maxInFlight: 1 });
    const queue = new KeyedSerialQueue();
    const answers = new Map<string, () => void>();
    const unit = (chargePointId: string, name: string) =>
      queue.run(chargePointId, () => {
        const done = deferred();
        answers.set(name, done.resolve);
        scheduler.submit(name);
        return done.promise;
      });
    const all = Promise.all([
      unit('CP_1', 'CP_1#1'),
      unit('CP_2', 'CP_2#1'),
      unit('CP_1', 'CP_1#2'),
      unit('CP_3', 'CP_3#1'),
    ]);
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['CP_1#1', 'CP_2#1', 'CP_3#1']]);
    batches[0].items.forEach((name) => answers.get(name)!());
    batches[0].commit();
    await turn();
    await turn();
    expect(batches.map((b) => b.items)).toEqual([['CP_1#1', 'CP_2#1', 'CP_3#1'], ['CP_1#2']]);
    answers.get('CP_1#2')!();
    batches[1].commit();
    await all;
  });
});
