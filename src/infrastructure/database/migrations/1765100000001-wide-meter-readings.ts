import { MigrationInterface, QueryRunner } from 'typeorm';

// A charger's meter register (Wh) and the transaction ids it reports may pass 2^31-1 (OCPP's
// integer has no bound): on PostgreSQL these columns become 64-bit. SQLite's INTEGER is already.
const COLUMNS: Array<[string, string]> = [
  ['transactions', 'meter_start_wh'],
  ['transactions', 'meter_stop_wh'],
  ['unmatched_stop_transactions', 'transaction_id'],
  ['unmatched_stop_transactions', 'meter_stop_wh'],
];

export class WideMeterReadings1765100000001 implements MigrationInterface {
  name = 'WideMeterReadings1765100000001';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    for (const [table, column] of COLUMNS)
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    for (const [table, column] of COLUMNS)
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE integer`);
  }
}
