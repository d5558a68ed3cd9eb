import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UserRole = 'user' | 'admin';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', unique: true }) username!: string;
  @Column({ name: 'password_hash', type: 'varchar' }) passwordHash!: string;
  @Column({ type: 'varchar', default: 'user' }) role!: UserRole;
  @Column({ name: 'created_at', type: Date, insert: false, update: false }) createdAt!: Date;
}
