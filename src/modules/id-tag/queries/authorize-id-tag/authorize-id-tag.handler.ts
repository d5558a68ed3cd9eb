import { ConfigService } from '@nestjs/config';
import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import {
  AuthorizeIdTagQuery,
  type IdTagInfo,
  ListActiveTransactionsOfIdTagQuery,
} from '../../../../common/contracts/id-tags.js';
import type { OcppConfig } from '../../../../config/index.js';
import { IdTagStore } from '../../persistence/id-tag.store.js';
import { idTagVerdict } from './id-tag-verdict.js';

// Contract section 7: unknown → Invalid (Accepted with OCPP_ACCEPT_UNKNOWN_ID_TAGS, for demos),
// Blocked, Expired past expiresAt, ConcurrentTx when a transaction of the tag runs on another
// connector.
@QueryHandler(AuthorizeIdTagQuery)
export class AuthorizeIdTagHandler implements IQueryHandler<AuthorizeIdTagQuery> {
  private readonly acceptUnknown: boolean;

  constructor(
    private readonly tags: IdTagStore,
    private readonly queries: QueryBus,
    config: ConfigService,
  ) {
    this.acceptUnknown = config.getOrThrow<OcppConfig>('ocpp').acceptUnknownIdTags;
  }

  async execute({ idTag, connector }: AuthorizeIdTagQuery): Promise<IdTagInfo> {
    const tag = await this.tags.find(idTag);
    const verdict = idTagVerdict(tag, this.acceptUnknown, new Date());
    if (verdict.status !== 'Accepted' || !connector) return verdict;
    const running = await this.queries.execute(new ListActiveTransactionsOfIdTagQuery(idTag));
    const elsewhere = running.some(
      (t) => t.chargePointId !== connector.chargePointId || t.connectorId !== connector.connectorId,
    );
    return elsewhere ? { ...verdict, status: 'ConcurrentTx' } : verdict;
  }
}
