import type { QueryBus } from '@nestjs/cqrs';
import { FindUserQuery } from '../../../../common/contracts/users.js';
import { InvalidInputError } from '../../../../common/errors/domain-error.js';
import type { IdTagStore } from '../../persistence/id-tag.store.js';
import type { IdTagChanges } from './create-id-tag.command.js';

/** A user and a parent tag that are named must exist; a tag is not its own parent. */
export async function checkReferences(
  idTag: string,
  fields: IdTagChanges,
  queries: QueryBus,
  tags: IdTagStore,
): Promise<void> {
  if (fields.userId && !(await queries.execute(new FindUserQuery(fields.userId))))
    throw new InvalidInputError(`userId: there is no user ${fields.userId}`);
  if (fields.parentIdTag === idTag)
    throw new InvalidInputError('parentIdTag: a tag cannot be its own parent');
  if (fields.parentIdTag && !(await tags.find(fields.parentIdTag)))
    throw new InvalidInputError(`parentIdTag: there is no id tag ${fields.parentIdTag}`);
}
