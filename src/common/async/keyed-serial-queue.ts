/**
 * Runs steps in the order they arrive, one at a time per key, keys independent of each other.
 * A step's failure is its caller's alone: the next step of the key runs all the same.
 * (One charger's units of work; one charger's commands before they reach its queue.)
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(step, step);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // the last step of a key removes it, so idle keys take no memory
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a step running or waiting (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
