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
import { ChargePointIdPipe } from '../../common/http/param-pipes.js';
import {
  ForgetSubscriptionCommand,
  RememberSubscriptionCommand,
} from './commands/grants.commands.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../common/http/paging.js';
import {
  AddSubscriptionDto,
  SubscriptionDto,
  SubscriptionPageDto,
} from './dto/subscription.dto.js';
import { GetSubscriptionQuery, ListSubscriptionsQuery } from './queries/list-subscriptions.js';

@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Remember an interest in a charger: every /ws/users session of the caller subscribes to it',
    operationId: 'addSubscription',
  })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @ApiErrors(400, 401, 404)
  async add(
    @CurrentUser() viewer: Viewer,
    @Body() body: AddSubscriptionDto,
  ): Promise<SubscriptionDto> {
    await requireAccess(this.queries, viewer, body.chargePointId);
    await this.commands.execute(new RememberSubscriptionCommand(viewer.id, body.chargePointId));
    return (await this.queries.execute(
      new GetSubscriptionQuery(viewer.id, body.chargePointId),
    )) as SubscriptionDto;
  }

  @Get()
  @ApiOperation({
    summary: "The caller's remembered interests, by charger id, paged",
    operationId: 'listSubscriptions',
  })
  @ApiOkResponse({ type: SubscriptionPageDto })
  @ApiErrors(400, 401)
  list(@CurrentUser() viewer: Viewer, @Query() page: PageQueryDto): Promise<SubscriptionPageDto> {
    return this.queries.execute(
      new ListSubscriptionsQuery(viewer.id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor),
    );
  }

  @Delete(':chargePointId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Forget one', operationId: 'removeSubscription' })
  @ApiParam({ name: 'chargePointId', example: 'CP_BKK_001' })
  @ApiNoContentResponse({ description: 'Forgotten' })
  @ApiErrors(400, 401, 404)
  async remove(
    @CurrentUser() viewer: Viewer,
    @Param('chargePointId', ChargePointIdPipe) chargePointId: string,
  ): Promise<void> {
    await this.commands.execute(new ForgetSubscriptionCommand(viewer.id, chargePointId));
  }
}
