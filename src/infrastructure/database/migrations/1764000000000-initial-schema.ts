import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialectTypes } from '../column-types.js';

// Written with TypeORM's schema builder so that the one migration runs on SQLite and PostgreSQL.
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const t = dialectTypes(q);
    const now = { default: 'CURRENT_TIMESTAMP' };

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16', default: "'user'" },
          { name: 'created_at', type: t.timestamp, ...now },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'charge_points',
        columns: [
          { name: 'id', type: 'varchar', length: '48', isPrimary: true },
          { name: 'owner_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'vendor', type: 'varchar', length: '20', isNullable: true },
          { name: 'model', type: 'varchar', length: '20', isNullable: true },
          { name: 'serial_number', type: 'varchar', length: '25', isNullable: true },
          { name: 'firmware_version', type: 'varchar', length: '50', isNullable: true },
          { name: 'iccid', type: 'varchar', length: '20', isNullable: true },
          { name: 'imsi', type: 'varchar', length: '20', isNullable: true },
          { name: 'meter_type', type: 'varchar', length: '25', isNullable: true },
          { name: 'meter_serial_number', type: 'varchar', length: '25', isNullable: true },
          { name: 'connector_count', type: 'integer', default: 0 },
          { name: 'station_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'station_error_code', type: 'varchar', length: '30', isNullable: true },
          { name: 'diagnostics_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'firmware_status', type: 'varchar', length: '20', isNullable: true },
          { name: 'online', type: 'boolean', default: false },
          { name: 'last_seen_at', type: t.timestamp, isNullable: true },
          { name: 'booted_at', type: t.timestamp, isNullable: true },
          { name: 'last_seq', type: 'integer', default: 0 },
          { name: 'created_at', type: t.timestamp, ...now },
        ],
        indices: [{ columnNames: ['owner_id'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'connectors',
        columns: [
          { name: 'charge_point_id', type: 'varchar', length: '48', isPrimary: true },
          { name: 'connector_id', type: 'integer', isPrimary: true },
          { name: 'type', type: 'varchar', length: '32', isNullable: true },
          { name: 'max_power_w', type: 'integer', isNullable: true },
          { name: 'max_current_a', type: 'integer', isNullable: true },
          { name: 'status', type: 'varchar', length: '20', default: "'Unknown'" },
          { name: 'error_code', type: 'varchar', length: '30', default: "'NoError'" },
          { name: 'info', type: 'varchar', length: '50', isNullable: true },
          { name: 'vendor_error_code', type: 'varchar', length: '50', isNullable: true },
          { name: 'status_at', type: t.timestamp, isNullable: true },
          { name: 'power_w', type: t.double, default: 0 },
          { name: 'energy_wh', type: t.double, isNullable: true },
          { name: 'current_a', type: t.double, isNullable: true },
          { name: 'voltage_v', type: t.double, isNullable: true },
          { name: 'soc_percent', type: t.double, isNullable: true },
          { name: 'meter_at', type: t.timestamp, isNullable: true },
          { name: 'transaction_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [
          {
            columnNames: ['charge_point_id'],
            referencedTableName: 'charge_points',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'transactions',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'charge_point_id', type: 'varchar', length: '48' },
          { name: 'connector_id', type: 'integer' },
          { name: 'id_tag', type: 'varchar', length: '20' },
          { name: 'meter_start_wh', type: 'integer' },
          { name: 'started_at', type: t.timestamp },
          { name: 'reservation_id', type: 'integer', isNullable: true },
          { name: 'meter_stop_wh', type: 'integer', isNullable: true },
          { name: 'stopped_at', type: t.timestamp, isNullable: true },
          { name: 'stop_reason', type: 'varchar', length: '20', isNullable: true },
          { name: 'stop_id_tag', type: 'varchar', length: '20', isNullable: true },
          { name: 'created_at', type: t.timestamp, ...now },
        ],
        indices: [
          // a retried StartTransaction carries the same four values: it must find this row
          {
            name: 'UQ_transactions_start',
            columnNames: [
              'charge_point_id',
              'connector_id',
              'id_tag',
              'meter_start_wh',
              'started_at',
            ],
            isUnique: true,
          },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'meter_value_samples',
        columns: [
          {
            name: 'id',
            type: t.bigIncrement,
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'charge_point_id', type: 'varchar', length: '48' },
          { name: 'connector_id', type: 'integer' },
          { name: 'transaction_id', type: 'integer', isNullable: true },
          { name: 'sampled_at', type: t.timestamp },
          { name: 'measurand', type: 'varchar', length: '40' },
          { name: 'phase', type: 'varchar', length: '8', isNullable: true },
          { name: 'location', type: 'varchar', length: '8', isNullable: true },
          { name: 'context', type: 'varchar', length: '24', isNullable: true },
          { name: 'unit', type: 'varchar', length: '12', isNullable: true },
          { name: 'value', type: t.double, isNullable: true },
          { name: 'raw_value', type: 'text' },
          { name: 'raw_unit', type: 'varchar', length: '12', isNullable: true },
          { name: 'format', type: 'varchar', length: '12', isNullable: true },
        ],
      }),
    );
    await q.createIndex(
      'meter_value_samples',
      new TableIndex({ columnNames: ['charge_point_id', 'connector_id', 'sampled_at'] }),
    );
    await q.createIndex('meter_value_samples', new TableIndex({ columnNames: ['transaction_id'] }));

    await q.createTable(
      new Table({
        name: 'unmatched_stop_transactions',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'charge_point_id', type: 'varchar', length: '48' },
          { name: 'transaction_id', type: 'integer' },
          { name: 'id_tag', type: 'varchar', length: '20', isNullable: true },
          { name: 'meter_stop_wh', type: 'integer' },
          { name: 'stopped_at', type: t.timestamp },
          { name: 'reason', type: 'varchar', length: '20', isNullable: true },
          { name: 'received_at', type: t.timestamp, ...now },
        ],
        indices: [
          {
            name: 'UQ_unmatched_stop',
            columnNames: ['charge_point_id', 'transaction_id', 'meter_stop_wh', 'stopped_at'],
            isUnique: true,
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'unmatched_stop_transactions',
      'meter_value_samples',
      'transactions',
      'connectors',
      'charge_points',
      'users',
    ]) {
      await q.dropTable(table);
    }
  }
}
