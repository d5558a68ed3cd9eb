import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateIdTagHandler } from './commands/create-id-tag/create-id-tag.handler.js';
import {
  DeleteIdTagHandler,
  UpdateIdTagHandler,
} from './commands/update-id-tag/update-id-tag.handler.js';
import { IdTagsController } from './id-tags.controller.js';
import { IdTagEntity } from './persistence/id-tag.entity.js';
import { IdTagStore } from './persistence/id-tag.store.js';
import { AuthorizeIdTagHandler } from './queries/authorize-id-tag/authorize-id-tag.handler.js';
import {
  GetIdTagHandler,
  ListIdTagsHandler,
  ListUserIdTagsHandler,
} from './queries/list-id-tags/list-id-tags.handler.js';

export const idTagEntities = [IdTagEntity];

const commandHandlers = [CreateIdTagHandler, UpdateIdTagHandler, DeleteIdTagHandler];
const queryHandlers = [
  AuthorizeIdTagHandler,
  ListIdTagsHandler,
  GetIdTagHandler,
  ListUserIdTagsHandler,
];

// The id tag store (contract section 7): RFID cards and app tokens, and the one answer to
// "may this tag charge?" that every OCPP handler asks.
@Module({
  imports: [TypeOrmModule.forFeature(idTagEntities)],
  controllers: [IdTagsController],
  providers: [IdTagStore, ...commandHandlers, ...queryHandlers],
})
export class IdTagModule {}
