import { Query } from '@nestjs/cqrs';
import type { Viewer } from './users.js';

// "May user U see charger C?" and "who may see C?", answered in one place (the subscription
// module) so that REST and the realtime gateway ask the same question.

/**
 * How a viewer relates to a charger; null: not at all (and it must look as if C did not exist).
 * `operator` is a grantee whose grant lets them send commands; `grantee` only sees.
 */
export type AccessLevel = 'admin' | 'owner' | 'operator' | 'grantee';

/** What a grant lets its user do: see the charger, or also operate it (contract section 5). */
export type GrantLevel = 'view' | 'operate';
export const GRANT_LEVELS: readonly GrantLevel[] = ['view', 'operate'];

/** Who may send commands to a charger. */
export const OPERATORS: AccessLevel[] = ['admin', 'owner', 'operator'];

export class GetChargePointAccessQuery extends Query<AccessLevel | null> {
  constructor(
    readonly viewer: Viewer,
    readonly chargePointId: string,
  ) {
    super();
  }
}

/** The ids of the chargers a viewer may see; 'all' for admins. */
export class ListVisibleChargePointIdsQuery extends Query<string[] | 'all'> {
  constructor(readonly viewer: Viewer) {
    super();
  }
}

/** Everyone who may see a charger besides the admins: its owner and its grantees. */
export class ListChargePointWatchersQuery extends Query<{
  ownerId: string | null;
  granteeIds: string[];
}> {
  constructor(readonly chargePointId: string) {
    super();
  }
}

/** Answered by the charge-point module: does C exist, and whose is it. */
export class GetChargePointOwnershipQuery extends Query<{ ownerId: string | null } | null> {
  constructor(readonly chargePointId: string) {
    super();
  }
}

/** Answered by the charge-point module: the ids of the chargers a user owns. */
export class ListOwnedChargePointIdsQuery extends Query<string[]> {
  constructor(readonly userId: string) {
    super();
  }
}

/** Whether a viewer with this access sees personal data (idTag) of a charger. */
export const seesPersonalData = (access: AccessLevel | null) =>
  access === 'owner' || access === 'admin';

/** A grant was taken back: that user's live subscriptions to the charger end at once. */
export class ChargePointGrantRevoked {
  constructor(
    readonly chargePointId: string,
    readonly userId: string,
  ) {}
}

/** A user remembered (or forgot) an interest in a charger: their open sessions follow. */
export class SubscriptionRemembered {
  constructor(
    readonly userId: string,
    readonly chargePointId: string,
  ) {}
}

export class SubscriptionForgotten {
  constructor(
    readonly userId: string,
    readonly chargePointId: string,
  ) {}
}

/** Answered by the subscription module: the chargers a user asked to follow everywhere. */
export class ListRememberedSubscriptionsQuery extends Query<string[]> {
  constructor(readonly userId: string) {
    super();
  }
}
