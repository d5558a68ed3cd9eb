import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetSnapshotsQuery } from './get-snapshots.query.js';
import { SnapshotReader } from './snapshot-reader.js';

@QueryHandler(GetSnapshotsQuery)
export class GetSnapshotsHandler implements IQueryHandler<GetSnapshotsQuery> {
  constructor(private readonly reader: SnapshotReader) {}

  execute({ viewer, chargePointIds }: GetSnapshotsQuery) {
    return this.reader.read(viewer, chargePointIds);
  }
}
