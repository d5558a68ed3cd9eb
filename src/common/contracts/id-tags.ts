import { Query } from '@nestjs/cqrs';

// The id tag store (contract section 7) answers every "may this tag charge?" of every OCPP
// version, in one place.

/** OCPP 1.6 AuthorizationStatus (2.0.1 maps its own onto these). */
export type IdTagStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export interface IdTagInfo {
  status: IdTagStatus;
  expiryDate?: string;
  parentIdTag?: string;
}

/**
 * Answered by the id-tag module. `connector`: where the tag is shown, to tell a tag in use on
 * another connector (ConcurrentTx); omitted when that does not apply (StopTransaction).
 */
export class AuthorizeIdTagQuery extends Query<IdTagInfo> {
  constructor(
    readonly idTag: string,
    readonly connector?: { chargePointId: string; connectorId: number },
  ) {
    super();
  }
}

/** Answered by the id-tag module: the tags a user holds. */
export class ListUserIdTagsQuery extends Query<string[]> {
  constructor(readonly userId: string) {
    super();
  }
}

/** Answered by the charge-point module: where a tag has a transaction running now. */
export class ListActiveTransactionsOfIdTagQuery extends Query<
  Array<{ chargePointId: string; connectorId: number; transactionId: number }>
> {
  constructor(readonly idTag: string) {
    super();
  }
}
