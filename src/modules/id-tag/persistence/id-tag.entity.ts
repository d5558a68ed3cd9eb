import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StoredIdTagStatus = 'Accepted' | 'Blocked';

@Entity('id_tags')
export class IdTagEntity {
  @PrimaryColumn({ name: 'id_tag', type: 'varchar', length: 36 }) idTag!: string;
  @Column({ name: 'user_id', type: 'varchar', nullable: true }) userId!: string | null;
  @Column({ type: 'varchar', default: 'Accepted' }) status!: StoredIdTagStatus;
  @Column({ name: 'expires_at', type: Date, nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'parent_id_tag', type: 'varchar', nullable: true }) parentIdTag!: string | null;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
