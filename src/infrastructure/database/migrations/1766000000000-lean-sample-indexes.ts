import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// Every sampled value is a row of meter_value_samples, so each index on it is paid for by every
// MeterValues. Two of its three indexes serve no query: the table's only reader, the meter
// history, filters on the measurand and reads through IDX_samples_history, not through
// (charge_point_id, connector_id, sampled_at), and nothing reads samples by transaction_id (no
// query, no foreign key). Dropping them leaves one index to write per sample instead of three.
const UNUSED = [['charge_point_id', 'connector_id', 'sampled_at'], ['transaction_id']];

export class LeanSampleIndexes1766000000000 implements MigrationInterface {
  name = 'LeanSampleIndexes1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = await q.getTable('meter_value_samples');
    if (!table) throw new Error('meter_value_samples is missing');
    for (const columns of UNUSED) {
      const index = table.indices.find((i) => sameColumns(i.columnNames, columns));
      if (index) await q.dropIndex(table, index);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const columnNames of UNUSED)
      await q.createIndex('meter_value_samples', new TableIndex({ columnNames }));
  }
}

// as sets: TypeORM lists an index's columns in the table's order on PostgreSQL
const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c) => b.includes(c));
