import { ChargerQueue } from './charger-queue.js';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

// a few turns of the event loop: what the scheduler set up with setImmediate has run
const turn = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('ChargerQueue', () => {
  it("starts a charger's task once its previous one settled, even when it failed", async () => {
    const queue = new ChargerQueue();
    const started: string[] = [];
    const first = deferred();
    const a = queue.after('CP_1', () => (started.push('a'), first.promise));
    const b = queue.after('CP_1', async () => void started.push('b'));
    await turn();
    expect(started).toEqual(['a']);
    first.reject(new Error('a failed'));
    await expect(a).rejects.toThrow('a failed');
    await b;
    expect(started).toEqual(['a', 'b']);
  });

  it('does not hold one charger behind another', async () => {
    const queue = new ChargerQueue();
    const started: string[] = [];
    const never = deferred();
    void queue.after('CP_1', () => (started.push('CP_1'), never.promise));
    await queue.after('CP_2', async () => void started.push('CP_2'));
    expect(started).toEqual(['CP_1', 'CP_2']);
    await turn();
    expect(queue.size).toBe(1);
    never.resolve();
    await turn();
    expect(queue.size).toBe(0);
  });
});
