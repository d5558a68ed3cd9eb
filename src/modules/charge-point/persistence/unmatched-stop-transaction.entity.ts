import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../../infrastructure/database/bigint-number.js';

// A StopTransaction whose transactionId we never issued (or -1): answered, and kept here so an
// operator can reconcile it.
@Entity('unmatched_stop_transactions')
export class UnmatchedStopTransactionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ name: 'transaction_id', type: 'bigint', transformer: bigintNumber })
  transactionId!: number;
  @Column({ name: 'id_tag', type: 'varchar', nullable: true }) idTag!: string | null;
  @Column({ name: 'meter_stop_wh', type: 'bigint', transformer: bigintNumber })
  meterStopWh!: number;
  @Column({ name: 'stopped_at', type: Date }) stoppedAt!: Date;
  @Column({ type: 'varchar', nullable: true }) reason!: string | null;
}
