import type { DataSource } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../../test/helpers/databases.js';
import type { PendingEvent } from '../../../../common/contracts/charge-point-events.js';
import { ChargePointEntity } from '../charge-point.entity.js';
import { SeqStamper } from './seq-stamper.js';

const dialects = await testDialects();

const online = (n: number): PendingEvent[] =>
  Array.from({ length: n }, () => ({ name: 'ChargePointOnline', data: { reconnected: false } }));

describe.each(dialects)('SeqStamper (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const stamper = new SeqStamper();

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db, [ChargePointEntity]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await dataSource.getRepository(ChargePointEntity).deleteAll();
    await dataSource
      .getRepository(ChargePointEntity)
      .insert(['CP_1', 'CP_2', 'CP_3'].map((id) => ({ id })));
  });

  const seqs = (stamped: { seq: number }[][]) => stamped.map((events) => events.map((e) => e.seq));

  it("gives each charger's events its next consecutive seqs, batch after batch", async () => {
    const first = await dataSource.transaction((m) =>
      stamper.stamp(m, [
        { chargePointId: 'CP_1', events: online(2) },
        { chargePointId: 'CP_2', events: online(1) },
        { chargePointId: 'CP_3', events: [] },
      ]),
    );
    expect(seqs(first)).toEqual([[1, 2], [1], []]);
    expect(first[0].map((e) => [e.chargePointId, e.name])).toEqual([
      ['CP_1', 'ChargePointOnline'],
      ['CP_1', 'ChargePointOnline'],
    ]);
    const second = await dataSource.transaction((m) =>
      stamper.stamp(m, [
        { chargePointId: 'CP_2', events: online(3) },
        { chargePointId: 'CP_1', events: online(1) },
      ]),
    );
    expect(seqs(second)).toEqual([[2, 3, 4], [3]]);
    const rows = await dataSource.getRepository(ChargePointEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.lastSeq)).toEqual([3, 4, 0]);
  });

  it('fails when a charger that emitted is gone', async () => {
    await expect(
      dataSource.transaction((m) =>
        stamper.stamp(m, [
          { chargePointId: 'CP_1', events: online(1) },
          { chargePointId: 'CP_GONE', events: online(1) },
        ]),
      ),
    ).rejects.toThrow('Charge point CP_GONE is gone');
    expect(
      (await dataSource.getRepository(ChargePointEntity).findOneByOrFail({ id: 'CP_1' })).lastSeq,
    ).toBe(0);
  });
});
