import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A remembered interest: every /ws/users session of the user is subscribed to the charger. */
@Entity('user_subscriptions')
export class UserSubscriptionEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar' }) userId!: string;
  @PrimaryColumn({ name: 'charge_point_id', type: 'varchar' }) chargePointId!: string;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
