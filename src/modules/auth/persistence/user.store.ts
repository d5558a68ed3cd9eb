import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../../../infrastructure/database/unique-violation.js';
import { UserEntity, type UserRole } from './user.entity.js';

// Single-purpose access to the users table.
@Injectable()
export class UserStore {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  /** Users whose name starts with `prefix`, by username, after `after`; `limit` rows at most. */
  listByUsername(prefix: string, after: string | undefined, limit: number): Promise<UserEntity[]> {
    const q = this.users.createQueryBuilder('u').orderBy('u.username', 'ASC').take(limit);
    // LIKE with its wildcards escaped: a prefix, never a pattern; whatever the case, on both
    // dialects (SQLite's LIKE ignores ASCII case, PostgreSQL's does not)
    if (prefix)
      q.andWhere("LOWER(u.username) LIKE LOWER(:like) ESCAPE '\\'", {
        like: `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    if (after !== undefined) q.andWhere('u.username > :after', { after });
    return q.getMany();
  }

  /** Inserts; false when the username is taken (decided by the unique index, race-free). */
  async insert(
    user: Omit<UserEntity, 'createdAt' | 'disabled' | 'tokenVersion'>,
  ): Promise<boolean> {
    try {
      await this.users.insert(user);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async setRole(id: string, role: UserRole): Promise<void> {
    await this.users.update({ id }, { role });
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.users.update({ id }, { disabled });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** Revokes every token issued so far; the new version, or null when the user is gone. */
  async revokeTokens(id: string): Promise<number | null> {
    await this.users.increment({ id }, 'tokenVersion', 1);
    return (await this.findById(id))?.tokenVersion ?? null;
  }

  /** Deletes; false when there was no such user. */
  async delete(id: string): Promise<boolean> {
    return ((await this.users.delete({ id })).affected ?? 0) > 0;
  }
}
