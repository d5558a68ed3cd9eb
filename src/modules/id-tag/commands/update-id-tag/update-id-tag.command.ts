import { Command } from '@nestjs/cqrs';
import type { IdTagDto } from '../../dto/id-tag.dto.js';
import type { IdTagChanges } from '../create-id-tag/create-id-tag.command.js';

/** Only the fields given change; null clears userId, expiresAt, parentIdTag. */
export class UpdateIdTagCommand extends Command<IdTagDto> {
  constructor(
    readonly idTag: string,
    readonly changes: IdTagChanges,
  ) {
    super();
  }
}

export class DeleteIdTagCommand extends Command<void> {
  constructor(readonly idTag: string) {
    super();
  }
}
