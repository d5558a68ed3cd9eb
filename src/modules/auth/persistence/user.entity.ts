import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UserRole = 'user' | 'admin';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', unique: true }) username!: string;
  @Column({ name: 'password_hash', type: 'varchar' }) passwordHash!: string;
  @Column({ type: 'varchar', default: 'user' }) role!: UserRole;
  @Column({ type: 'boolean', default: false }) disabled!: boolean;
  /** Tokens carry the version they were issued under; bumping it revokes every older one. */
  @Column({ name: 'token_version', type: 'integer', default: 0 }) tokenVersion!: number;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
