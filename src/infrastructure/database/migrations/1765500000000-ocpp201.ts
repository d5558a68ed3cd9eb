import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

// OCPP 2.0.1 beside 1.6 (contract section 6): the version a charger speaks, the charger's own
// status word beside the 1.6 one, the charger's own (string) transaction id, and the seqNos of
// the TransactionEvents already applied (an offline replay is answered, never applied twice).
export class Ocpp2011765500000000 implements MigrationInterface {
  name = 'Ocpp2011765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'charge_points',
      new TableColumn({ name: 'ocpp_version', type: 'varchar', length: '8', isNullable: true }),
    );
    await q.addColumn(
      'connectors',
      new TableColumn({ name: 'ocpp_status', type: 'varchar', length: '32', isNullable: true }),
    );
    await q.addColumn(
      'transactions',
      new TableColumn({
        name: 'ocpp_transaction_id',
        type: 'varchar',
        length: '36',
        isNullable: true,
      }),
    );
    await q.createIndex(
      'transactions',
      new TableIndex({
        name: 'IDX_transactions_ocpp_transaction_id',
        columnNames: ['charge_point_id', 'ocpp_transaction_id'],
        isUnique: true,
      }),
    );
    await q.createTable(
      new Table({
        name: 'transaction_event_seq_nos',
        columns: [
          { name: 'transaction_id', type: 'integer', isPrimary: true },
          { name: 'seq_no', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [
          {
            columnNames: ['transaction_id'],
            referencedTableName: 'transactions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('transaction_event_seq_nos');
    await q.dropIndex('transactions', 'IDX_transactions_ocpp_transaction_id');
    await q.dropColumn('transactions', 'ocpp_transaction_id');
    await q.dropColumn('connectors', 'ocpp_status');
    await q.dropColumn('charge_points', 'ocpp_version');
  }
}
