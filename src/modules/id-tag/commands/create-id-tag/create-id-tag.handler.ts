import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { ConflictError } from '../../../../common/errors/domain-error.js';
import { IdTagStore } from '../../persistence/id-tag.store.js';
import { toIdTagDto } from '../../queries/list-id-tags/id-tag-view.js';
import { CreateIdTagCommand } from './create-id-tag.command.js';
import { checkReferences } from './id-tag-references.js';

@CommandHandler(CreateIdTagCommand)
export class CreateIdTagHandler implements ICommandHandler<CreateIdTagCommand> {
  constructor(
    private readonly tags: IdTagStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ idTag, fields }: CreateIdTagCommand) {
    await checkReferences(idTag, fields, this.queries, this.tags);
    const created = await this.tags.insert({
      idTag,
      userId: fields.userId ?? null,
      status: fields.status ?? 'Accepted',
      expiresAt: fields.expiresAt ? new Date(fields.expiresAt) : null,
      parentIdTag: fields.parentIdTag ?? null,
    });
    if (!created) throw new ConflictError(`Id tag ${idTag} exists already`);
    return toIdTagDto((await this.tags.find(idTag))!);
  }
}
