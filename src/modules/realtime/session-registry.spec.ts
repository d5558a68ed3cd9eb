import { jest } from '@jest/globals';
import type WebSocket from 'ws';
import { WsSessionChannel } from './ws/ws-session-channel.js';
import type { EventTransport } from '../../infrastructure/event-bus/event-transport.js';
import { SessionRegistry } from './session-registry.js';
import { UserSession } from './user-session.js';

let nextId = 1;

function aSession(userId = 'u1'): UserSession {
  const socket = { readyState: 1, OPEN: 1, CLOSED: 3, bufferedAmount: 0 };
  return new UserSession(
    nextId++,
    new WsSessionChannel(socket as unknown as WebSocket),
    { id: userId, role: 'user', username: userId },
    Date.now() + 3_600_000,
    { sendBufferSoftBytes: 1000, sendBufferHardBytes: 5000, ratePer10s: 100 },
  );
}

// What the hub does on subscribe: the subscription first, then the index.
function subscribe(registry: SessionRegistry, session: UserSession, chargePointId: string): void {
  session.subscriptions.set(chargePointId, { access: 'owner', phase: 'live', queue: [] });
  registry.watch(session, chargePointId);
}

describe('SessionRegistry', () => {
  let registry: SessionRegistry;
  let transport: { watch: jest.Mock; unwatch: jest.Mock };

  beforeEach(() => {
    transport = { watch: jest.fn(), unwatch: jest.fn() };
    registry = new SessionRegistry(transport as unknown as EventTransport);
  });

  it('asks the transport for a charger when its first watcher comes and lets go after the last', () => {
    const a = aSession('u1');
    const b = aSession('u2');
    registry.add(a);
    registry.add(b);
    subscribe(registry, a, 'CP_1');
    subscribe(registry, b, 'CP_1');
    expect(transport.watch.mock.calls).toEqual([['CP_1']]);

    registry.unwatch(a, 'CP_1');
    expect(transport.unwatch).not.toHaveBeenCalled();
    registry.remove(b);
    expect(transport.unwatch.mock.calls).toEqual([['CP_1']]);
  });

  it('starts empty', () => {
    expect(registry.stats()).toEqual({ sessions: 0, users: 0, chargePoints: 0 });
    expect(registry.all().size).toBe(0);
    expect(registry.ofUser('u1').size).toBe(0);
    expect(registry.watchers('CP_1').size).toBe(0);
    expect(registry.isWatched('CP_1')).toBe(false);
  });

  it('indexes an added session by user, not by any charger', () => {
    const session = aSession('u1');

    registry.add(session);

    expect([...registry.all()]).toEqual([session]);
    expect([...registry.ofUser('u1')]).toEqual([session]);
    expect(registry.ofUser('u2').size).toBe(0);
    expect(registry.stats()).toEqual({ sessions: 1, users: 1, chargePoints: 0 });
  });

  it('groups the sessions of one user', () => {
    const first = aSession('u1');
    const second = aSession('u1');
    const other = aSession('u2');

    [first, second, other].forEach((s) => registry.add(s));

    expect([...registry.ofUser('u1')]).toEqual([first, second]);
    expect([...registry.ofUser('u2')]).toEqual([other]);
    expect(registry.stats()).toEqual({ sessions: 3, users: 2, chargePoints: 0 });
  });

  it('adding the same session twice counts it once', () => {
    const session = aSession();

    registry.add(session);
    registry.add(session);

    expect(registry.stats()).toEqual({ sessions: 1, users: 1, chargePoints: 0 });
    expect(registry.ofUser('u1').size).toBe(1);
  });

  it('lists the watchers of a charger', () => {
    const a = aSession('u1');
    const b = aSession('u2');
    [a, b].forEach((s) => registry.add(s));

    subscribe(registry, a, 'CP_1');
    subscribe(registry, b, 'CP_1');
    subscribe(registry, b, 'CP_2');

    expect([...registry.watchers('CP_1')]).toEqual([a, b]);
    expect([...registry.watchers('CP_2')]).toEqual([b]);
    expect(registry.isWatched('CP_1')).toBe(true);
    expect(registry.isWatched('CP_3')).toBe(false);
    expect(registry.stats()).toEqual({ sessions: 2, users: 2, chargePoints: 2 });
  });

  it('watching twice leaves one entry', () => {
    const session = aSession();
    registry.add(session);

    subscribe(registry, session, 'CP_1');
    subscribe(registry, session, 'CP_1');

    expect(registry.watchers('CP_1').size).toBe(1);
  });

  describe('unwatch', () => {
    it('removes the session from the charger and the subscription from the session', () => {
      const a = aSession('u1');
      const b = aSession('u2');
      [a, b].forEach((s) => registry.add(s));
      subscribe(registry, a, 'CP_1');
      subscribe(registry, b, 'CP_1');
      subscribe(registry, a, 'CP_2');

      registry.unwatch(a, 'CP_1');

      expect([...registry.watchers('CP_1')]).toEqual([b]);
      expect([...a.subscriptions.keys()]).toEqual(['CP_2']);
      expect([...b.subscriptions.keys()]).toEqual(['CP_1']);
      expect(registry.stats()).toEqual({ sessions: 2, users: 2, chargePoints: 2 });
    });

    it('drops the charger from the index with its last watcher', () => {
      const session = aSession();
      registry.add(session);
      subscribe(registry, session, 'CP_1');

      registry.unwatch(session, 'CP_1');

      expect(registry.isWatched('CP_1')).toBe(false);
      expect(registry.watchers('CP_1').size).toBe(0);
      expect(registry.stats()).toEqual({ sessions: 1, users: 1, chargePoints: 0 });
    });

    it('ignores a charger the session does not watch', () => {
      const a = aSession('u1');
      const b = aSession('u2');
      [a, b].forEach((s) => registry.add(s));
      subscribe(registry, b, 'CP_1');

      registry.unwatch(a, 'CP_1');
      registry.unwatch(a, 'CP_NEVER');

      expect([...registry.watchers('CP_1')]).toEqual([b]);
      expect(registry.stats()).toEqual({ sessions: 2, users: 2, chargePoints: 1 });
    });
  });

  describe('remove', () => {
    it('clears every index entry of the session, and its subscriptions', () => {
      const session = aSession('u1');
      registry.add(session);
      for (const id of ['CP_1', 'CP_2', 'CP_3']) subscribe(registry, session, id);

      registry.remove(session);

      expect(registry.all().size).toBe(0);
      expect(registry.ofUser('u1').size).toBe(0);
      for (const id of ['CP_1', 'CP_2', 'CP_3']) {
        expect(registry.isWatched(id)).toBe(false);
        expect(registry.watchers(id).size).toBe(0);
      }
      expect(session.subscriptions.size).toBe(0);
      expect(registry.stats()).toEqual({ sessions: 0, users: 0, chargePoints: 0 });
    });

    it('leaves the other sessions of the user and the other watchers of its chargers', () => {
      const gone = aSession('u1');
      const sibling = aSession('u1');
      const stranger = aSession('u2');
      [gone, sibling, stranger].forEach((s) => registry.add(s));
      subscribe(registry, gone, 'CP_1');
      subscribe(registry, gone, 'CP_2');
      subscribe(registry, sibling, 'CP_1');
      subscribe(registry, stranger, 'CP_2');

      registry.remove(gone);

      expect([...registry.all()]).toEqual([sibling, stranger]);
      expect([...registry.ofUser('u1')]).toEqual([sibling]);
      expect([...registry.watchers('CP_1')]).toEqual([sibling]);
      expect([...registry.watchers('CP_2')]).toEqual([stranger]);
      expect([...sibling.subscriptions.keys()]).toEqual(['CP_1']);
      expect(registry.stats()).toEqual({ sessions: 2, users: 2, chargePoints: 2 });
    });

    it('is harmless for a session removed twice or never added', () => {
      const kept = aSession('u1');
      const session = aSession('u1');
      registry.add(kept);
      subscribe(registry, kept, 'CP_1');
      registry.add(session);

      registry.remove(session);
      registry.remove(session);
      registry.remove(aSession('u1'));

      expect([...registry.ofUser('u1')]).toEqual([kept]);
      expect(registry.stats()).toEqual({ sessions: 1, users: 1, chargePoints: 1 });
    });

    it('brings every count back to zero after a busy life', () => {
      const sessions = Array.from({ length: 6 }, (_, i) => aSession(`u${i % 3}`));
      sessions.forEach((s) => registry.add(s));
      sessions.forEach((s, i) => {
        for (let c = 0; c <= i; c++) subscribe(registry, s, `CP_${c}`);
      });
      registry.unwatch(sessions[5], 'CP_5');
      registry.unwatch(sessions[2], 'CP_0');
      expect(registry.stats()).toEqual({ sessions: 6, users: 3, chargePoints: 5 });

      sessions.forEach((s) => registry.remove(s));

      expect(registry.stats()).toEqual({ sessions: 0, users: 0, chargePoints: 0 });
      for (let c = 0; c < 6; c++) expect(registry.isWatched(`CP_${c}`)).toBe(false);
    });
  });
});
