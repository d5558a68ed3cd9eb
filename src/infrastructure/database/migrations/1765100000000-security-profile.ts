import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Each charger's OCPP security profile (contract section 9): 1 = Basic auth, 2 = Basic auth over
// TLS, 3 = a client certificate. Chargers registered before keep profile 1.
export class SecurityProfile1765100000000 implements MigrationInterface {
  name = 'SecurityProfile1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'charge_points',
      new TableColumn({ name: 'security_profile', type: 'integer', default: 1 }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('charge_points', 'security_profile');
  }
}
