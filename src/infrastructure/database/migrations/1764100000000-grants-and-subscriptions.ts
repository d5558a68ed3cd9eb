import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dialectTypes } from '../column-types.js';

export class GrantsAndSubscriptions1764100000000 implements MigrationInterface {
  name = 'GrantsAndSubscriptions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const t = dialectTypes(q);
    for (const name of ['charge_point_grants', 'user_subscriptions']) {
      await q.createTable(
        new Table({
          name,
          columns: [
            { name: 'charge_point_id', type: 'varchar', length: '48', isPrimary: true },
            { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
            { name: 'created_at', type: t.timestamp, default: 'CURRENT_TIMESTAMP' },
          ],
          indices: [{ columnNames: ['user_id'] }],
          foreignKeys: [
            {
              columnNames: ['charge_point_id'],
              referencedTableName: 'charge_points',
              referencedColumnNames: ['id'],
              onDelete: 'CASCADE',
            },
            {
              columnNames: ['user_id'],
              referencedTableName: 'users',
              referencedColumnNames: ['id'],
              onDelete: 'CASCADE',
            },
          ],
        }),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('user_subscriptions');
    await q.dropTable('charge_point_grants');
  }
}
