import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ListUserIdTagsQuery } from '../../../../common/contracts/id-tags.js';
import { decodeCursor, type Page, toPage } from '../../../../common/http/paging.js';
import type { IdTagDto } from '../../dto/id-tag.dto.js';
import { IdTagStore } from '../../persistence/id-tag.store.js';
import { toIdTagDto } from './id-tag-view.js';

/** Tags by tag, optionally of one user, paged. */
export class ListIdTagsQuery extends Query<Page<IdTagDto>> {
  constructor(
    readonly userId: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

export class GetIdTagQuery extends Query<IdTagDto | null> {
  constructor(readonly idTag: string) {
    super();
  }
}

@QueryHandler(ListIdTagsQuery)
export class ListIdTagsHandler implements IQueryHandler<ListIdTagsQuery> {
  constructor(private readonly tags: IdTagStore) {}

  async execute({ userId, limit, cursor }: ListIdTagsQuery) {
    const after = cursor ? String(decodeCursor(cursor, 1)[0]) : undefined;
    const rows = await this.tags.list(userId, after, limit + 1);
    return toPage(rows, limit, (t) => [t.idTag], toIdTagDto);
  }
}

@QueryHandler(GetIdTagQuery)
export class GetIdTagHandler implements IQueryHandler<GetIdTagQuery> {
  constructor(private readonly tags: IdTagStore) {}

  async execute({ idTag }: GetIdTagQuery) {
    const tag = await this.tags.find(idTag);
    return tag ? toIdTagDto(tag) : null;
  }
}

@QueryHandler(ListUserIdTagsQuery)
export class ListUserIdTagsHandler implements IQueryHandler<ListUserIdTagsQuery> {
  constructor(private readonly tags: IdTagStore) {}

  execute({ userId }: ListUserIdTagsQuery): Promise<string[]> {
    return this.tags.idsOfUser(userId);
  }
}
