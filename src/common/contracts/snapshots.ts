import { Query } from '@nestjs/cqrs';
import type { Viewer } from './users.js';

/** A charger's state as contract section 2 shows it (typed in full by the REST DTOs). */
export interface ChargePointSnapshot {
  id: string;
  seq: number;
}

/** Answered by the charge-point module: snapshots as `viewer` may see them (idTag for owners and admins). */
export class GetSnapshotsQuery<S extends ChargePointSnapshot = ChargePointSnapshot> extends Query<
  S[]
> {
  constructor(
    readonly viewer: Viewer,
    readonly chargePointIds: string[] | 'all',
  ) {
    super();
  }
}
