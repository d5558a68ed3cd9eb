import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// A StopTransaction whose transactionId we never issued (or -1): answered, and kept here so an
// operator can reconcile it.
@Entity('unmatched_stop_transactions')
export class UnmatchedStopTransactionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ name: 'transaction_id', type: 'integer' }) transactionId!: number;
  @Column({ name: 'id_tag', type: 'varchar', nullable: true }) idTag!: string | null;
  @Column({ name: 'meter_stop_wh', type: 'integer' }) meterStopWh!: number;
  @Column({ name: 'stopped_at', type: Date }) stoppedAt!: Date;
  @Column({ type: 'varchar', nullable: true }) reason!: string | null;
}
