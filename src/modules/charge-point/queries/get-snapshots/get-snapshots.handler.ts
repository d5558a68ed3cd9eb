import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetSnapshotsQuery } from '../../../../common/contracts/snapshots.js';
import type { ChargePointSnapshotDto } from '../../dto/charge-point.dto.js';
import { SnapshotReader } from './snapshot-reader.js';

@QueryHandler(GetSnapshotsQuery)
export class GetSnapshotsHandler implements IQueryHandler<GetSnapshotsQuery> {
  constructor(private readonly reader: SnapshotReader) {}

  execute({ viewer, chargePointIds }: GetSnapshotsQuery): Promise<ChargePointSnapshotDto[]> {
    return this.reader.read(viewer, chargePointIds);
  }
}
