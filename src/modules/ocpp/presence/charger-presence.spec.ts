import { jest } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import { LocalPresenceStore } from '../../../infrastructure/presence/local-presence-store.js';
import { PresenceStore } from '../../../infrastructure/presence/presence-store.js';
import { ChargerPresence } from './charger-presence.js';

const config = { getOrThrow: () => ({ presenceTtlS: 30 }) } as unknown as ConfigService;
const transport = { instanceId: 'me' } as EventTransport;

/** A shared store whose every operation fails (Redis away). */
class AwayStore extends LocalPresenceStore {
  override readonly shared = true;
  override claim = () => Promise.reject(new Error('away'));
  override holder = () => Promise.reject(new Error('away'));
  override release = () => Promise.reject(new Error('away'));
  override refresh = () => Promise.reject(new Error('away'));
  override holders = () => Promise.reject(new Error('away'));
}

describe('ChargerPresence', () => {
  it('claims for this instance, with the configured time to live', async () => {
    const store = new LocalPresenceStore();
    const claim = jest.spyOn(store, 'claim');
    await new ChargerPresence(transport, store, config).claim('CP1');
    expect(claim).toHaveBeenCalledWith('CP1', 'me', 30);
  });

  it('keeps a charger connected when the store is away: nothing throws, nothing is known', async () => {
    const presence = new ChargerPresence(transport, new AwayStore() as PresenceStore, config);
    expect(await presence.claim('CP1')).toBeNull();
    expect(await presence.holder('CP1')).toBeNull();
    await expect(presence.release('CP1')).resolves.toBeUndefined();
    await expect(presence.refresh(['CP1'])).resolves.toBeUndefined();
    expect(await presence.unheld(['CP1'])).toBeNull();
  });

  it('finds the chargers nobody holds, only with a shared store', async () => {
    const shared = new (class extends LocalPresenceStore {
      override readonly shared = true;
      override holders = (ids: readonly string[]) =>
        Promise.resolve(ids.map((id) => (id === 'HELD' ? 'other' : null)));
    })();
    expect(await new ChargerPresence(transport, shared, config).unheld(['HELD', 'LOST'])).toEqual([
      'LOST',
    ]);
    const alone = new ChargerPresence(transport, new LocalPresenceStore(), config);
    expect(await alone.unheld(['LOST'])).toBeNull();
  });
});
