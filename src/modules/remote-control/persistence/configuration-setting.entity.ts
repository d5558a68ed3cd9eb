import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One setting of a charger's last known configuration. */
@Entity('charge_point_configuration')
export class ConfigurationSettingEntity {
  @PrimaryColumn({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @PrimaryColumn({ type: 'varchar' }) key!: string;
  @Column({ type: 'text', nullable: true }) value!: string | null;
  @Column({ type: 'boolean' }) readonly!: boolean;
  /** When the charger last told this value (read, or an accepted change). */
  @Column({ name: 'updated_at', type: Date }) updatedAt!: Date;
}
