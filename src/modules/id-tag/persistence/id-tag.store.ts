import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../../../infrastructure/database/unique-violation.js';
import { IdTagEntity } from './id-tag.entity.js';

export type IdTagFields = Omit<IdTagEntity, 'createdAt'>;

// Single-purpose access to the id_tags table.
@Injectable()
export class IdTagStore {
  constructor(@InjectRepository(IdTagEntity) private readonly tags: Repository<IdTagEntity>) {}

  find(idTag: string): Promise<IdTagEntity | null> {
    return this.tags.findOneBy({ idTag });
  }

  /** By tag, after `after`, optionally of one user; `limit` rows at most. */
  list(userId: string | undefined, after: string | undefined, limit: number) {
    return this.tags.find({
      where: {
        ...(userId ? { userId } : {}),
        ...(after !== undefined ? { idTag: MoreThan(after) } : {}),
      },
      order: { idTag: 'ASC' },
      take: limit,
    });
  }

  async idsOfUser(userId: string): Promise<string[]> {
    const rows = await this.tags.find({ where: { userId }, select: { idTag: true } });
    return rows.map((r) => r.idTag);
  }

  /** Inserts; false when the tag exists already. */
  async insert(tag: IdTagFields): Promise<boolean> {
    try {
      await this.tags.insert(tag);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async update(idTag: string, changes: Partial<IdTagFields>): Promise<void> {
    await this.tags.update({ idTag }, changes);
  }

  async delete(idTag: string): Promise<boolean> {
    return ((await this.tags.delete({ idTag })).affected ?? 0) > 0;
  }
}
