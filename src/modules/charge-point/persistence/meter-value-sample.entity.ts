import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// One row per sampled value, unit-normalised (W, Wh, A, V, Percent...), the raw text kept too.
@Entity('meter_value_samples')
export class MeterValueSampleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ name: 'connector_id', type: 'integer' }) connectorId!: number;
  @Column({ name: 'transaction_id', type: 'integer', nullable: true }) transactionId!:
    number | null;
  @Column({ name: 'sampled_at', type: Date }) sampledAt!: Date;
  @Column({ type: 'varchar' }) measurand!: string;
  @Column({ type: 'varchar', nullable: true }) phase!: string | null;
  @Column({ type: 'varchar', nullable: true }) location!: string | null;
  @Column({ type: 'varchar', nullable: true }) context!: string | null;
  @Column({ type: 'varchar', nullable: true }) unit!: string | null;
  @Column({
    type: 'double precision',
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: unknown) => (v == null ? null : Number(v)),
    },
  })
  value!: number | null;
  @Column({ name: 'raw_value', type: 'text' }) rawValue!: string;
  @Column({ name: 'raw_unit', type: 'varchar', nullable: true }) rawUnit!: string | null;
  @Column({ type: 'varchar', nullable: true }) format!: string | null;
}
