import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ListVisibleChargePointIdsQuery } from '../../common/contracts/access.js';
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ChargePointIdPipe, ConnectorIdPipe } from '../../common/http/param-pipes.js';
import { CurrentUser, Roles } from '../../common/http/auth.decorators.js';
import { ConfigureConnectorCommand } from './commands/configure-connector/configure-connector.command.js';
import { RegisterChargePointCommand } from './commands/register-charge-point/register-charge-point.command.js';
import { ChangeSecurityCommand } from './commands/change-security/change-security.command.js';
import {
  ChangeChargePointSecurityDto,
  ChargePointSnapshotDto,
  ConfigureConnectorDto,
  ConnectorSnapshotDto,
  RegisterChargePointDto,
  RegisteredChargePointDto,
} from './dto/charge-point.dto.js';
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
    summary: 'The chargers the caller may see (admins: all), as snapshots',
    operationId: 'listChargePoints',
  })
  @ApiOkResponse({ type: [ChargePointSnapshotDto] })
  @ApiErrors(401)
  async list(@CurrentUser() viewer: Viewer): Promise<ChargePointSnapshotDto[]> {
    const ids = await this.queries.execute(new ListVisibleChargePointIdsQuery(viewer));
    return this.queries.execute(new GetSnapshotsQuery<ChargePointSnapshotDto>(viewer, ids));
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
      "Change a charger's security profile or password (admins only); applies from its next " +
      'connection. A generated password (leaving profile 3 without one) is returned once.',
    operationId: 'changeChargePointSecurity',
  })
  @ApiParam({ name: 'id', example: 'CP_BKK_001' })
  @ApiOkResponse({ type: RegisteredChargePointDto })
  @ApiErrors(400, 401, 403, 404)
  async changeSecurity(
    @CurrentUser() viewer: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: ChangeChargePointSecurityDto,
  ): Promise<RegisteredChargePointDto> {
    const { generatedPassword } = await this.commands.execute(
      new ChangeSecurityCommand(id, body.securityProfile, body.password),
    );
    return { ...(await this.snapshot(viewer, id)), password: generatedPassword };
  }

  private async snapshot(viewer: Viewer, id: string): Promise<ChargePointSnapshotDto> {
    const [snapshot] = await this.queries.execute(
      new GetSnapshotsQuery<ChargePointSnapshotDto>(viewer, [id]),
    );
    if (!snapshot) throw new NotFoundError(`Charge point ${id} not found`);
    return snapshot;
  }
}
