import { Injectable } from '@nestjs/common';
import { EventTransport } from '../../infrastructure/event-bus/event-transport.js';
import type { UserSession } from './user-session.js';

// user <-> chargePointId <-> session. Everything a closed session was part of is removed with it.
@Injectable()
export class SessionRegistry {
  private readonly sessions = new Set<UserSession>();
  private readonly byUser = new Map<string, Set<UserSession>>();
  private readonly byChargePoint = new Map<string, Set<UserSession>>();
  /** what each session watches, kept here so that remove() needs nothing from the session */
  private readonly watching = new Map<UserSession, Set<string>>();

  // the transport receives a charger's events from other instances while someone here watches it
  constructor(private readonly transport: EventTransport) {}

  add(session: UserSession): void {
    this.sessions.add(session);
    addTo(this.byUser, session.viewer.id, session);
  }

  remove(session: UserSession): void {
    this.sessions.delete(session);
    removeFrom(this.byUser, session.viewer.id, session);
    for (const chargePointId of this.watching.get(session) ?? []) {
      if (removeFrom(this.byChargePoint, chargePointId, session))
        this.transport.unwatch(chargePointId);
    }
    this.watching.delete(session);
    session.subscriptions.clear();
  }

  watch(session: UserSession, chargePointId: string): void {
    if (addTo(this.byChargePoint, chargePointId, session)) this.transport.watch(chargePointId);
    let set = this.watching.get(session);
    if (!set) this.watching.set(session, (set = new Set()));
    set.add(chargePointId);
  }

  unwatch(session: UserSession, chargePointId: string): void {
    session.subscriptions.delete(chargePointId);
    if (removeFrom(this.byChargePoint, chargePointId, session))
      this.transport.unwatch(chargePointId);
    this.watching.get(session)?.delete(chargePointId);
  }

  watchers(chargePointId: string): ReadonlySet<UserSession> {
    return this.byChargePoint.get(chargePointId) ?? EMPTY;
  }

  ofUser(userId: string): ReadonlySet<UserSession> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  isWatched(chargePointId: string): boolean {
    return this.byChargePoint.has(chargePointId);
  }

  all(): ReadonlySet<UserSession> {
    return this.sessions;
  }

  /** Sizes of the indexes, for metrics and for tests that check nothing leaks. */
  stats() {
    return {
      sessions: this.sessions.size,
      users: this.byUser.size,
      chargePoints: this.byChargePoint.size,
    };
  }
}

const EMPTY: ReadonlySet<UserSession> = new Set();

/** Adds; true when the key is new to the index. */
function addTo(index: Map<string, Set<UserSession>>, key: string, session: UserSession): boolean {
  let set = index.get(key);
  const created = !set;
  if (!set) index.set(key, (set = new Set()));
  set.add(session);
  return created;
}

/** Removes; true when the key left the index (its last session went). */
function removeFrom(
  index: Map<string, Set<UserSession>>,
  key: string,
  session: UserSession,
): boolean {
  const set = index.get(key);
  if (!set || !set.delete(session)) return false;
  if (set.size > 0) return false;
  index.delete(key);
  return true;
}
