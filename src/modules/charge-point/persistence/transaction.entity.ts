import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../../infrastructure/database/bigint-number.js';

@Entity('transactions')
export class TransactionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ name: 'connector_id', type: 'integer' }) connectorId!: number;
  @Column({ name: 'id_tag', type: 'varchar' }) idTag!: string;
  /** the charger's own id (OCPP 2.0.1 transactionId); null for 1.6, where ours is the charger's */
  @Column({ name: 'ocpp_transaction_id', type: 'varchar', nullable: true })
  ocppTransactionId!: string | null;
  @Column({ name: 'meter_start_wh', type: 'bigint', transformer: bigintNumber })
  meterStartWh!: number;
  @Column({ name: 'started_at', type: Date }) startedAt!: Date;
  @Column({ name: 'reservation_id', type: 'integer', nullable: true }) reservationId!:
    number | null;
  @Column({ name: 'meter_stop_wh', type: 'bigint', nullable: true, transformer: bigintNumber })
  meterStopWh!: number | null;
  @Column({ name: 'stopped_at', type: Date, nullable: true }) stoppedAt!: Date | null;
  @Column({ name: 'stop_reason', type: 'varchar', nullable: true }) stopReason!: string | null;
  @Column({ name: 'stop_id_tag', type: 'varchar', nullable: true }) stopIdTag!: string | null;
}
