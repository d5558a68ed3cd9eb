import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Param,
  Patch,
  type PipeTransform,
  Post,
  Query,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser, type RequestUser, Roles } from '../../common/http/auth.decorators.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../common/http/paging.js';
import { CreateIdTagCommand } from './commands/create-id-tag/create-id-tag.command.js';
import {
  DeleteIdTagCommand,
  UpdateIdTagCommand,
} from './commands/update-id-tag/update-id-tag.command.js';
import {
  CreateIdTagDto,
  ID_TAG_PATTERN,
  IdTagDto,
  IdTagPageDto,
  ListIdTagsQueryDto,
  UpdateIdTagDto,
} from './dto/id-tag.dto.js';
import { GetIdTagQuery, ListIdTagsQuery } from './queries/list-id-tags/list-id-tags.handler.js';

@Injectable()
class IdTagPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ID_TAG_PATTERN.test(value))
      throw new BadRequestException(['idTag must be 1 to 36 printable ASCII characters']);
    return value;
  }
}

@ApiTags('id-tags')
@ApiBearerAuth()
@Controller()
export class IdTagsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('id-tags')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add an RFID card or app token to the store (admins only)',
    operationId: 'createIdTag',
  })
  @ApiCreatedResponse({ type: IdTagDto })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() body: CreateIdTagDto): Promise<IdTagDto> {
    const { idTag, ...fields } = body;
    return this.commands.execute(new CreateIdTagCommand(idTag, fields));
  }

  @Get('id-tags')
  @Roles('admin')
  @ApiOperation({ summary: 'Id tags by tag, paged (admins only)', operationId: 'listIdTags' })
  @ApiOkResponse({ type: IdTagPageDto })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListIdTagsQueryDto): Promise<IdTagPageDto> {
    return this.queries.execute(
      new ListIdTagsQuery(query.userId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor),
    );
  }

  @Get('id-tags/:idTag')
  @Roles('admin')
  @ApiOperation({ summary: 'One id tag (admins only)', operationId: 'getIdTag' })
  @ApiParam({ name: 'idTag', example: '04A2B3C4D5' })
  @ApiOkResponse({ type: IdTagDto })
  @ApiErrors(400, 401, 403, 404)
  async get(@Param('idTag', IdTagPipe) idTag: string): Promise<IdTagDto> {
    const tag = await this.queries.execute(new GetIdTagQuery(idTag));
    if (!tag) throw new NotFoundError(`Id tag ${idTag} not found`);
    return tag;
  }

  @Patch('id-tags/:idTag')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change holder, status (block / unblock), expiry or parent (admins only)',
    operationId: 'updateIdTag',
  })
  @ApiParam({ name: 'idTag', example: '04A2B3C4D5' })
  @ApiOkResponse({ type: IdTagDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param('idTag', IdTagPipe) idTag: string,
    @Body() body: UpdateIdTagDto,
  ): Promise<IdTagDto> {
    return this.commands.execute(new UpdateIdTagCommand(idTag, body));
  }

  @Delete('id-tags/:idTag')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Remove an id tag (admins only): it is unknown from then on',
    operationId: 'deleteIdTag',
  })
  @ApiParam({ name: 'idTag', example: '04A2B3C4D5' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param('idTag', IdTagPipe) idTag: string): Promise<void> {
    await this.commands.execute(new DeleteIdTagCommand(idTag));
  }

  @Get('users/me/id-tags')
  @ApiOperation({ summary: "The caller's own id tags, paged", operationId: 'listMyIdTags' })
  @ApiOkResponse({ type: IdTagPageDto })
  @ApiErrors(400, 401)
  mine(@CurrentUser() user: RequestUser, @Query() page: PageQueryDto): Promise<IdTagPageDto> {
    return this.queries.execute(
      new ListIdTagsQuery(user.id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor),
    );
  }
}
