import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GrantLevel } from '../../../common/contracts/access.js';

@Entity('charge_point_grants')
export class GrantEntity {
  @PrimaryColumn({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'varchar' }) userId!: string;
  /** view: sees the charger; operate: also sends it commands */
  @Column({ type: 'varchar' }) level!: GrantLevel;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
