import { Command } from '@nestjs/cqrs';
import type { IdTagDto } from '../../dto/id-tag.dto.js';
import type { StoredIdTagStatus } from '../../persistence/id-tag.entity.js';

export interface IdTagChanges {
  userId?: string | null;
  status?: StoredIdTagStatus;
  expiresAt?: string | null;
  parentIdTag?: string | null;
}

export class CreateIdTagCommand extends Command<IdTagDto> {
  constructor(
    readonly idTag: string,
    readonly fields: IdTagChanges,
  ) {
    super();
  }
}
