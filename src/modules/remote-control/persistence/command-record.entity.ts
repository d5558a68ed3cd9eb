import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from './json-text.js';

/** One command sent (or tried) to a charger: who, what, when, and how it ended. */
@Entity('charge_point_commands')
export class CommandRecordEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ type: 'varchar' }) command!: string;
  @Column({ type: 'text', transformer: jsonText }) params!: Record<string, unknown>;
  /** Pending while it waits for the answer; then the charger's status, or Timeout, ... */
  @Column({ type: 'varchar' }) status!: string;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) response!: unknown;
  @Column({ type: 'varchar', nullable: true }) error!: string | null;
  @Column({ name: 'requested_by', type: 'varchar' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: Date }) requestedAt!: Date;
  @Column({ name: 'completed_at', type: Date, nullable: true }) completedAt!: Date | null;
}
