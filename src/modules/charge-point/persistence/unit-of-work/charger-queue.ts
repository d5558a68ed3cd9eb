// One charger's units of work run one after another, in the order they were asked for: its
// connection events race its OCPP calls otherwise, and its events must be published in seq
// order. Different chargers do not wait for one another.
export class ChargerQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Starts `task` once every task asked for earlier for this charger has settled. */
  after<T>(chargePointId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(chargePointId) ?? Promise.resolve();
    const next = previous.then(task);
    const tail = next.catch(() => undefined);
    this.tails.set(chargePointId, tail);
    void tail.then(() => {
      if (this.tails.get(chargePointId) === tail) this.tails.delete(chargePointId);
    });
    return next;
  }

  /** Chargers with a task pending (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
