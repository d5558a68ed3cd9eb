import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ChargePointIdPipe, UuidPipe } from '../../common/http/param-pipes.js';
import { AddGrantCommand, RemoveGrantCommand } from './commands/grants.commands.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../common/http/paging.js';
import { AddGrantDto, GrantDto, GrantPageDto } from './dto/subscription.dto.js';
import { ListGrantsQuery } from './queries/list-grants.js';

@ApiTags('grants')
@ApiBearerAuth()
@Controller('charge-points/:id/grants')
export class GrantsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Who was granted this charger, with their level (owner or admin)',
    operationId: 'listGrants',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: GrantPageDto })
  @ApiErrors(400, 401, 403, 404)
  async list(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Query() page: PageQueryDto,
  ): Promise<GrantPageDto> {
    await requireAccess(this.queries, viewer, id, ['admin', 'owner']);
    return this.queries.execute(
      new ListGrantsQuery(id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor),
    );
  }

  @Post()
  @ApiOperation({
    summary:
      'Let another user see (level view) or also operate (level operate) this charger ' +
      '(owner or admin); granting again changes the level at once',
    operationId: 'addGrant',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiCreatedResponse({ type: GrantDto })
  @ApiErrors(400, 401, 403, 404)
  async add(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: AddGrantDto,
  ): Promise<GrantDto> {
    await requireAccess(this.queries, viewer, id, ['admin', 'owner']);
    const level = body.level ?? 'view';
    await this.commands.execute(new AddGrantCommand(id, body.userId, level));
    return { chargePointId: id, userId: body.userId, level };
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({
    summary: "Take a grant back (owner or admin); that user's live subscriptions end at once",
    operationId: 'removeGrant',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(400, 401, 403, 404)
  async remove(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    await requireAccess(this.queries, viewer, id, ['admin', 'owner']);
    await this.commands.execute(new RemoveGrantCommand(id, userId));
  }
}
