import { Injectable } from '@nestjs/common';
import type { OcppConnection } from './transport/ocpp-transport.js';

export interface ChargerSession {
  readonly connection: OcppConnection;
  lastActivityAt: number;
  /** settles once the charger is recorded online: its calls wait for it (Online before Booted) */
  ready: Promise<unknown>;
  /** inbound calls being handled (OCPP-J: one at a time; a few are tolerated) */
  inFlight: number;
}

// Which connection currently speaks for each chargePointId on this instance. A close only
// marks the charger offline when it is the current one: a replaced socket closes silently.
@Injectable()
export class ChargerSessions {
  private readonly sessions = new Map<string, ChargerSession>();

  /** Makes `connection` current and returns the session it replaced, if any. */
  open(connection: OcppConnection): { session: ChargerSession; replaced?: ChargerSession } {
    const replaced = this.sessions.get(connection.chargePointId);
    const session: ChargerSession = {
      connection,
      lastActivityAt: Date.now(),
      ready: Promise.resolve(),
      inFlight: 0,
    };
    this.sessions.set(connection.chargePointId, session);
    return { session, replaced };
  }

  get(chargePointId: string): ChargerSession | undefined {
    return this.sessions.get(chargePointId);
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  isCurrent(session: ChargerSession): boolean {
    return this.sessions.get(session.connection.chargePointId) === session;
  }

  /** Removes the session if it is still current; true when it was. */
  release(session: ChargerSession): boolean {
    if (!this.isCurrent(session)) return false;
    this.sessions.delete(session.connection.chargePointId);
    return true;
  }

  idleSince(cutoff: number): ChargerSession[] {
    return [...this.sessions.values()].filter((s) => s.lastActivityAt < cutoff);
  }

  get size(): number {
    return this.sessions.size;
  }
}
