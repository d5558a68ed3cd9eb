import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../../../infrastructure/database/unique-violation.js';
import { UserEntity } from './user.entity.js';

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

  /** Inserts; false when the username is taken (decided by the unique index, race-free). */
  async insert(user: Omit<UserEntity, 'createdAt'>): Promise<boolean> {
    try {
      await this.users.insert(user);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
