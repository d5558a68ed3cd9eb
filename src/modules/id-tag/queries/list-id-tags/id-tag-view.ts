import type { IdTagDto } from '../../dto/id-tag.dto.js';
import type { IdTagEntity } from '../../persistence/id-tag.entity.js';

export const toIdTagDto = (t: IdTagEntity): IdTagDto => ({
  idTag: t.idTag,
  userId: t.userId,
  status: t.status,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  parentIdTag: t.parentIdTag,
  createdAt: t.createdAt.toISOString(),
});
