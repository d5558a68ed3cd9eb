import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { dialectTypes } from '../column-types.js';

// Remote commands (contract section 5): their record, each charger's last known configuration,
// and the level of a grant (view, or operate: may send commands).
export class RemoteCommands1765000000000 implements MigrationInterface {
  name = 'RemoteCommands1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const t = dialectTypes(q);
    await q.addColumn(
      'charge_point_grants',
      new TableColumn({ name: 'level', type: 'varchar', length: '8', default: "'view'" }),
    );
    // no foreign key to the charger: the record outlives a charger that is removed
    await q.createTable(
      new Table({
        name: 'charge_point_commands',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'charge_point_id', type: 'varchar', length: '48' },
          { name: 'command', type: 'varchar', length: '32' },
          { name: 'params', type: 'text' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'response', type: 'text', isNullable: true },
          { name: 'error', type: 'varchar', length: '255', isNullable: true },
          { name: 'requested_by', type: 'varchar', length: '36' },
          { name: 'requested_at', type: t.timestamp },
          { name: 'completed_at', type: t.timestamp, isNullable: true },
        ],
        indices: [{ columnNames: ['charge_point_id', 'requested_at', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'charge_point_configuration',
        columns: [
          { name: 'charge_point_id', type: 'varchar', length: '48', isPrimary: true },
          { name: 'key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'value', type: 'text', isNullable: true },
          { name: 'readonly', type: 'boolean' },
          { name: 'updated_at', type: t.timestamp },
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('charge_point_configuration');
    await q.dropTable('charge_point_commands');
    await q.dropColumn('charge_point_grants', 'level');
  }
}
