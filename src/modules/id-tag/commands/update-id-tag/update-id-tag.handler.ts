import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { InvalidInputError, NotFoundError } from '../../../../common/errors/domain-error.js';
import { IdTagStore } from '../../persistence/id-tag.store.js';
import { toIdTagDto } from '../../queries/list-id-tags/id-tag-view.js';
import { checkReferences } from '../create-id-tag/id-tag-references.js';
import { DeleteIdTagCommand, UpdateIdTagCommand } from './update-id-tag.command.js';

@CommandHandler(UpdateIdTagCommand)
export class UpdateIdTagHandler implements ICommandHandler<UpdateIdTagCommand> {
  constructor(
    private readonly tags: IdTagStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ idTag, changes }: UpdateIdTagCommand) {
    if (Object.values(changes).every((v) => v === undefined))
      throw new InvalidInputError('Give at least one of userId, status, expiresAt, parentIdTag');
    if (!(await this.tags.find(idTag))) throw new NotFoundError(`Id tag ${idTag} not found`);
    await checkReferences(idTag, changes, this.queries, this.tags);
    const { expiresAt, ...rest } = changes;
    await this.tags.update(idTag, {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(expiresAt !== undefined ? { expiresAt: expiresAt ? new Date(expiresAt) : null } : {}),
    });
    return toIdTagDto((await this.tags.find(idTag))!);
  }
}

@CommandHandler(DeleteIdTagCommand)
export class DeleteIdTagHandler implements ICommandHandler<DeleteIdTagCommand> {
  constructor(private readonly tags: IdTagStore) {}

  async execute({ idTag }: DeleteIdTagCommand): Promise<void> {
    if (!(await this.tags.delete(idTag))) throw new NotFoundError(`Id tag ${idTag} not found`);
  }
}
