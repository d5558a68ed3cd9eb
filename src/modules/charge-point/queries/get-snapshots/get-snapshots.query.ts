import { Query } from '@nestjs/cqrs';
import type { Viewer } from '../../../../common/contracts/users.js';
import type { ChargePointSnapshotDto } from '../../dto/charge-point.dto.js';

/** Snapshots of the given chargers as `viewer` may see them (idTag for owners and admins). */
export class GetSnapshotsQuery extends Query<ChargePointSnapshotDto[]> {
  constructor(
    readonly viewer: Viewer,
    readonly chargePointIds: string[] | 'all',
  ) {
    super();
  }
}
