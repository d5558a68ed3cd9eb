import { PresenceStore } from './presence-store.js';

// One instance alone: it holds every charger connected to it, and nobody else asks.
export class LocalPresenceStore extends PresenceStore {
  readonly shared: boolean = false;

  claim(): Promise<string | null> {
    return Promise.resolve(null);
  }

  holder(): Promise<string | null> {
    return Promise.resolve(null);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  refresh(): Promise<void> {
    return Promise.resolve();
  }

  holders(chargePointIds: readonly string[]): Promise<(string | null)[]> {
    return Promise.resolve(chargePointIds.map(() => null));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
