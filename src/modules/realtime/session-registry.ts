import { Injectable } from '@nestjs/common';
import type { UserSession } from './user-session.js';

// user <-> chargePointId <-> session. Everything a closed session was part of is removed with it.
@Injectable()
export class SessionRegistry {
  private readonly sessions = new Set<UserSession>();
  private readonly byUser = new Map<string, Set<UserSession>>();
  private readonly byChargePoint = new Map<string, Set<UserSession>>();
  /** what each session watches, kept here so that remove() needs nothing from the session */
  private readonly watching = new Map<UserSession, Set<string>>();

  add(session: UserSession): void {
    this.sessions.add(session);
    addTo(this.byUser, session.viewer.id, session);
  }

  remove(session: UserSession): void {
    this.sessions.delete(session);
    removeFrom(this.byUser, session.viewer.id, session);
    for (const chargePointId of this.watching.get(session) ?? []) {
      removeFrom(this.byChargePoint, chargePointId, session);
    }
    this.watching.delete(session);
    session.subscriptions.clear();
  }

  watch(session: UserSession, chargePointId: string): void {
    addTo(this.byChargePoint, chargePointId, session);
    let set = this.watching.get(session);
    if (!set) this.watching.set(session, (set = new Set()));
    set.add(chargePointId);
  }

  unwatch(session: UserSession, chargePointId: string): void {
    session.subscriptions.delete(chargePointId);
    removeFrom(this.byChargePoint, chargePointId, session);
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

function addTo(index: Map<string, Set<UserSession>>, key: string, session: UserSession): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(session);
}

function removeFrom(index: Map<string, Set<UserSession>>, key: string, session: UserSession): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(session);
  if (set.size === 0) index.delete(key);
}
