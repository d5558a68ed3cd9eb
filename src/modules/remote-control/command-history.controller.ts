import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { seesPersonalData } from '../../common/contracts/access.js';
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../common/http/paging.js';
import { ChargePointIdPipe } from '../../common/http/param-pipes.js';
import { CommandPageDto, ConfigurationDto } from './dto/command.dto.js';
import { GetConfigurationQuery, ListCommandsQuery } from './queries/command-history.queries.js';

@ApiTags('commands')
@ApiBearerAuth()
@Controller('charge-points/:id')
export class CommandHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('commands')
  @ApiOperation({
    summary: "The charger's commands, newest first (anyone who may see the charger)",
    operationId: 'listCommands',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: CommandPageDto })
  @ApiErrors(400, 401, 404)
  async list(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Query() page: PageQueryDto,
  ): Promise<CommandPageDto> {
    const access = await requireAccess(this.queries, viewer, id);
    return this.queries.execute(
      new ListCommandsQuery(
        id,
        seesPersonalData(access),
        page.limit ?? DEFAULT_PAGE_SIZE,
        page.cursor,
      ),
    );
  }

  @Get('configuration')
  @ApiOperation({
    summary:
      "The charger's last known configuration: what get-configuration read, and the changes " +
      'it accepted since (anyone who may see the charger)',
    operationId: 'getKnownConfiguration',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: ConfigurationDto })
  @ApiErrors(400, 401, 404)
  async configuration(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
  ): Promise<ConfigurationDto> {
    await requireAccess(this.queries, viewer, id);
    return this.queries.execute(new GetConfigurationQuery(id));
  }
}
