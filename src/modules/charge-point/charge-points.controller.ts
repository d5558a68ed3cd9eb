import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
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
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ChargePointIdPipe, ConnectorIdPipe } from '../../common/http/param-pipes.js';
import { CurrentUser, Roles } from '../../common/http/auth.decorators.js';
import { ConfigureConnectorCommand } from './commands/configure-connector/configure-connector.command.js';
import { RegisterChargePointCommand } from './commands/register-charge-point/register-charge-point.command.js';
import { ChangeSecurityCommand } from './commands/change-security/change-security.command.js';
import { RemoveChargePointCommand } from './commands/remove-charge-point/remove-charge-point.command.js';
import { UpdateChargePointCommand } from './commands/update-charge-point/update-charge-point.command.js';
import {
  ChargePointPageDto,
  ChargePointSnapshotDto,
  ConfigureConnectorDto,
  ConnectorSnapshotDto,
  ListChargePointsQueryDto,
  RegisterChargePointDto,
  RegisteredChargePointDto,
  UpdateChargePointDto,
  UpdatedChargePointDto,
} from './dto/charge-point.dto.js';
import { ListChargePointsQuery } from './queries/list-charge-points/list-charge-points.handler.js';
import { DEFAULT_PAGE_SIZE } from '../../common/http/paging.js';
import { GetSnapshotsQuery } from '../../common/contracts/snapshots.js';

@ApiTags('charge-points')
@ApiBearerAuth()
@Controller('charge-points')
export class ChargePointsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a charger (admins only)', operationId: 'registerChargePoint' })
  @ApiCreatedResponse({ type: RegisteredChargePointDto })
  @ApiErrors(400, 401, 403, 409)
  async register(
    @CurrentUser() viewer: Viewer,
    @Body() body: RegisterChargePointDto,
  ): Promise<RegisteredChargePointDto> {
    const { generatedPassword } = await this.commands.execute(
      new RegisterChargePointCommand(
        body.id,
        body.ownerId ?? null,
        body.password ?? null,
        (body.connectors ?? []).map((c) => ({
          connectorId: c.connectorId,
          type: c.type,
          maxPowerW: c.maxPowerW ?? null,
          maxCurrentA: c.maxCurrentA ?? null,
        })),
        body.securityProfile ?? 1,
      ),
    );
    return { ...(await this.snapshot(viewer, body.id)), password: generatedPassword };
  }

  @Get()
  @ApiOperation({
    summary:
      'The chargers the caller may see (admins: all), as snapshots, by id, paged; filters: ' +
      'online, status (of any connector), ownerId, q (id prefix)',
    operationId: 'listChargePoints',
  })
  @ApiOkResponse({ type: ChargePointPageDto })
  @ApiErrors(400, 401)
  list(
    @CurrentUser() viewer: Viewer,
    @Query() query: ListChargePointsQueryDto,
  ): Promise<ChargePointPageDto> {
    const { online, status, ownerId, q, limit, cursor } = query;
    return this.queries.execute(
      new ListChargePointsQuery(
        viewer,
        { online: online === undefined ? undefined : online === 'true', status, ownerId, q },
        limit ?? DEFAULT_PAGE_SIZE,
        cursor,
      ),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: "A charger's snapshot", operationId: 'getChargePoint' })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: ChargePointSnapshotDto })
  @ApiErrors(400, 401, 404)
  async get(@CurrentUser() viewer: Viewer, @Param('id', ChargePointIdPipe) id: string) {
    await requireAccess(this.queries, viewer, id);
    return this.snapshot(viewer, id);
  }

  @Put(':id/connectors/:connectorId')
  @ApiOperation({
    summary: "Set a connector's static data (owner or admin); publishes ConnectorConfigured",
    operationId: 'configureConnector',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiParam({ name: 'connectorId', example: 1 })
  @ApiOkResponse({ type: ConnectorSnapshotDto })
  @ApiErrors(400, 401, 403, 404)
  async configureConnector(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Param('connectorId', ConnectorIdPipe) connectorId: number,
    @Body() body: ConfigureConnectorDto,
  ): Promise<ConnectorSnapshotDto> {
    await requireAccess(this.queries, viewer, id, ['admin', 'owner']);
    await this.commands.execute(new ConfigureConnectorCommand(id, connectorId, body));
    const snapshot = await this.snapshot(viewer, id);
    return snapshot.connectors.find((c) => c.connectorId === connectorId) as ConnectorSnapshotDto;
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Change a charger's owner (null: nobody's), its security profile or its password (admins " +
      "only); the former owner's live subscriptions end at once; profile and password apply from " +
      'the next connection (a password generated by the change is returned once)',
    operationId: 'updateChargePoint',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: UpdatedChargePointDto })
  @ApiErrors(400, 401, 403, 404)
  async update(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: UpdateChargePointDto,
  ): Promise<UpdatedChargePointDto> {
    const { ownerId, securityProfile, password } = body;
    if (ownerId === undefined && securityProfile === undefined && password === undefined)
      throw new InvalidInputError('Give at least one of ownerId, securityProfile, password');
    if (securityProfile === 3 && password !== undefined)
      throw new InvalidInputError(
        'password: a profile 3 charger authenticates with its client certificate, not a password',
      );
    if (ownerId !== undefined)
      await this.commands.execute(new UpdateChargePointCommand(id, { ownerId }));
    let generatedPassword: string | null = null;
    // the credential (stored as a charger secret, profile rules applied) by its own command
    if (securityProfile !== undefined || password !== undefined) {
      ({ generatedPassword } = await this.commands.execute(
        new ChangeSecurityCommand(id, securityProfile, password),
      ));
    }
    const snapshot = await this.snapshot(viewer, id);
    return generatedPassword ? { ...snapshot, password: generatedPassword } : snapshot;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Remove a charger (admins only): its connection is closed (4002) and refused from then ' +
      'on; its transactions, meter values and commands are kept',
    operationId: 'removeChargePoint',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 401, 403, 404)
  async remove(@Param('id', ChargePointIdPipe) id: string): Promise<void> {
    await this.commands.execute(new RemoveChargePointCommand(id));
  }

  private async snapshot(viewer: Viewer, id: string): Promise<ChargePointSnapshotDto> {
    const [snapshot] = await this.queries.execute(
      new GetSnapshotsQuery<ChargePointSnapshotDto>(viewer, [id]),
    );
    if (!snapshot) throw new NotFoundError(`Charge point ${id} not found`);
    return snapshot;
  }
}
