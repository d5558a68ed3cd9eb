import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetChargePointAccessQuery } from '../../common/contracts/access.js';
import { SessionRegistry } from './session-registry.js';
import type { Subscription, UserSession } from './user-session.js';

// Whether a session may still watch a charger: asked when a subscription registers, when a grant
// is revoked, on a resync, and every REALTIME_ACCESS_RECHECK_S for every live subscription (a
// revocation whose message was lost between instances ends there at the latest). A subscription
// that lost its access ends: `unsubscribed` with reason access_revoked once it was announced,
// `not_found` to a subscribe request still waiting for its snapshot.
@Injectable()
export class SubscriptionAccess {
  private rechecking = false;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly queries: QueryBus,
  ) {}

  /** Ends the session's subscription to the charger and tells the client why. */
  end(
    session: UserSession,
    chargePointId: string,
    reason: 'requested' | 'access_revoked',
    id?: string,
  ): void {
    this.registry.unwatch(session, chargePointId);
    session.send({ type: 'unsubscribed', chargePointId, reason, ...(id ? { id } : {}) });
  }

  /** Re-asks the access question for a user's sessions on one charger; ends those that lost it. */
  async recheck(userId: string, chargePointId: string): Promise<void> {
    for (const session of this.registry.ofUser(userId)) {
      if (!session.subscriptions.has(chargePointId)) continue;
      const access = await this.queries.execute(
        new GetChargePointAccessQuery(session.viewer, chargePointId),
      );
      const sub = session.subscriptions.get(chargePointId);
      if (access) {
        if (sub) sub.access = access;
      } else if (sub && !sub.announced) {
        // revoked before its snapshot went out: a subscribe request is answered not_found (a
        // remembered interest being applied just does not start)
        this.registry.unwatch(session, chargePointId);
        if (sub.requestId) {
          const message = `Charge point ${chargePointId} not found`;
          session.send({
            type: 'error',
            code: 'not_found',
            message,
            chargePointId,
            id: sub.requestId,
          });
        }
      } else {
        this.end(session, chargePointId, 'access_revoked');
      }
    }
  }

  /** Re-asks the access of a registered subscription; ends it (as recheck does) if gone. */
  async stillAllowed(
    session: UserSession,
    chargePointId: string,
    sub: Subscription,
  ): Promise<boolean> {
    const access = await this.queries.execute(
      new GetChargePointAccessQuery(session.viewer, chargePointId),
    );
    if (!session.open || session.subscriptions.get(chargePointId) !== sub) return false;
    if (access) {
      sub.access = access;
      return true;
    }
    await this.recheck(session.viewer.id, chargePointId);
    return false;
  }

  /** Every live subscription asked again, one question at a time (never competing with traffic). */
  async recheckAll(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      for (const session of [...this.registry.all()]) {
        for (const [chargePointId, sub] of [...session.subscriptions]) {
          if (!session.open || sub.phase === 'pending') continue;
          await this.stillAllowed(session, chargePointId, sub);
        }
      }
    } catch {
      // the database is away: the next sweep asks again
    } finally {
      this.rechecking = false;
    }
  }
}
