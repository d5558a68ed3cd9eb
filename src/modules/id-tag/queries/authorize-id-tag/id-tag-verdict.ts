import type { IdTagInfo } from '../../../../common/contracts/id-tags.js';
import type { IdTagEntity } from '../../persistence/id-tag.entity.js';

/** What the store alone says of a tag (ConcurrentTx needs the running transactions). */
export function idTagVerdict(
  tag: Pick<IdTagEntity, 'status' | 'expiresAt' | 'parentIdTag'> | null,
  acceptUnknown: boolean,
  now: Date,
): IdTagInfo {
  if (!tag) return { status: acceptUnknown ? 'Accepted' : 'Invalid' };
  const extra = {
    ...(tag.expiresAt ? { expiryDate: tag.expiresAt.toISOString() } : {}),
    ...(tag.parentIdTag ? { parentIdTag: tag.parentIdTag } : {}),
  };
  if (tag.status === 'Blocked') return { status: 'Blocked', ...extra };
  if (tag.expiresAt && tag.expiresAt.getTime() <= now.getTime())
    return { status: 'Expired', ...extra };
  return { status: 'Accepted', ...extra };
}
