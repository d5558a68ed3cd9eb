import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('charge_point_grants')
export class GrantEntity {
  @PrimaryColumn({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'varchar' }) userId!: string;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
