import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { dialectTypes } from '../column-types.js';

// Contract section 7: users that can be disabled and whose tokens can be revoked, the id tag
// store, and the indexes the transaction list and the meter history read through.
export class OperatorApi1765200000000 implements MigrationInterface {
  name = 'OperatorApi1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const t = dialectTypes(q);
    await q.addColumns('users', [
      new TableColumn({ name: 'disabled', type: 'boolean', default: false }),
      // every token carries the version it was issued under; bumping it revokes them all
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
    ]);
    await q.createTable(
      new Table({
        name: 'id_tags',
        columns: [
          // OCPP 1.6 idTag is at most 20 characters, a 2.0.1 idToken at most 36
          { name: 'id_tag', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '16', default: "'Accepted'" },
          { name: 'expires_at', type: t.timestamp, isNullable: true },
          { name: 'parent_id_tag', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ columnNames: ['user_id', 'id_tag'] }],
        foreignKeys: [
          {
            // a deleted user's cards stop working with them
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createIndex(
      'transactions',
      new TableIndex({ name: 'IDX_transactions_cp_id', columnNames: ['charge_point_id', 'id'] }),
    );
    await q.createIndex(
      'transactions',
      new TableIndex({ name: 'IDX_transactions_tag_id', columnNames: ['id_tag', 'id'] }),
    );
    // the meter history reads one measurand of one connector over a time range
    await q.createIndex(
      'meter_value_samples',
      new TableIndex({
        name: 'IDX_samples_history',
        columnNames: ['charge_point_id', 'connector_id', 'measurand', 'sampled_at'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('meter_value_samples', 'IDX_samples_history');
    await q.dropIndex('transactions', 'IDX_transactions_tag_id');
    await q.dropIndex('transactions', 'IDX_transactions_cp_id');
    await q.dropTable('id_tags');
    await q.dropColumn('users', 'token_version');
    await q.dropColumn('users', 'disabled');
  }
}
