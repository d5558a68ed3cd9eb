import type { DataSource } from 'typeorm';
import {
  createDatabase,
  type TestDatabase,
  migratedDataSource,
  testDialects,
} from '../../../../test/helpers/databases.js';

const dialects = await testDialects();

// Each index on meter_value_samples is written once per sampled value: only the meter history's
// index may stay, and undoing the migration brings the other two back.
describe.each(dialects)('LeanSampleIndexes migration (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createDatabase(dialect);
    dataSource = await migratedDataSource(db);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const indexes = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const table = await runner.getTable('meter_value_samples');
      // each index's columns as a set (PostgreSQL lists them in the table's order)
      return table!.indices.map((i) => [...i.columnNames].sort().join(',')).sort();
    } finally {
      await runner.release();
    }
  };

  it('leaves the meter history index alone on meter_value_samples', async () => {
    expect(await indexes()).toEqual(['charge_point_id,connector_id,measurand,sampled_at']);
  });

  it('brings the dropped indexes back when undone, and drops them again', async () => {
    await dataSource.undoLastMigration();
    expect(await indexes()).toEqual([
      'charge_point_id,connector_id,measurand,sampled_at',
      'charge_point_id,connector_id,sampled_at',
      'transaction_id',
    ]);
    await dataSource.runMigrations();
    expect(await indexes()).toEqual(['charge_point_id,connector_id,measurand,sampled_at']);
  });
});
