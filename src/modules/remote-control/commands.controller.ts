import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { OPERATORS } from '../../common/contracts/access.js';
import type {
  ChargerCommandName,
  ChargerCommandParams,
} from '../../common/contracts/charger-commands.js';
import { requireAccess } from '../../common/contracts/require-access.js';
import type { Viewer } from '../../common/contracts/users.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { CurrentUser } from '../../common/http/auth.decorators.js';
import { ChargePointIdPipe } from '../../common/http/param-pipes.js';
import { ChangeAvailabilityDto } from './commands/change-availability/change-availability.dto.js';
import { ChangeConfigurationDto } from './commands/change-configuration/change-configuration.dto.js';
import { ClearCacheDto } from './commands/clear-cache/clear-cache.dto.js';
import { DataTransferDto } from './commands/data-transfer/data-transfer.dto.js';
import { GetConfigurationDto } from './commands/get-configuration/get-configuration.dto.js';
import { ResetDto } from './commands/reset/reset.dto.js';
import { StartTransactionDto } from './commands/start-transaction/start-transaction.dto.js';
import { StopTransactionDto } from './commands/stop-transaction/stop-transaction.dto.js';
import { TriggerMessageDto } from './commands/trigger-message/trigger-message.dto.js';
import { UnlockConnectorDto } from './commands/unlock-connector/unlock-connector.dto.js';
import { CommandResultDto } from './dto/command.dto.js';
import { SendCommandCommand } from './send-command/send-command.command.js';

/** The decorators every command route shares: one POST, its summary, its answers. */
function CommandRoute(command: ChargerCommandName, summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    Post(command)(target, key, descriptor);
    HttpCode(200)(target, key, descriptor);
    ApiOperation({
      summary: `${summary} (owner, admin, or a grantee with an operate grant)`,
      description:
        "Sends the matching OCPP CALL and answers with the charger's reply once it comes " +
        '(at most OCPP_CALL_TIMEOUT_S after the CALL is sent; one CALL at a time per charger).',
      operationId: key as string,
    })(target, key, descriptor);
    ApiParam({ name: 'id', example: 'CP_BKK_001' })(target, key, descriptor);
    ApiOkResponse({ type: CommandResultDto })(target, key, descriptor);
    ApiErrors(400, 401, 403, 404, 409, 429, 502, 504)(target, key, descriptor);
  };
}

// Contract section 5: one route per command, each with its own validated body.
@ApiTags('commands')
@ApiBearerAuth()
@Controller('charge-points/:id/commands')
export class CommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandRoute('start-transaction', 'Start a charging session (RemoteStartTransaction)')
  startTransaction(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: StartTransactionDto,
  ) {
    return this.send(v, id, 'start-transaction', body);
  }

  @CommandRoute('stop-transaction', 'Stop a charging session (RemoteStopTransaction)')
  stopTransaction(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: StopTransactionDto,
  ) {
    return this.send(v, id, 'stop-transaction', body);
  }

  @CommandRoute('reset', 'Restart the charger (Reset)')
  reset(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: ResetDto,
  ) {
    return this.send(v, id, 'reset', body);
  }

  @CommandRoute('unlock-connector', 'Release the cable of a connector (UnlockConnector)')
  unlockConnector(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: UnlockConnectorDto,
  ) {
    return this.send(v, id, 'unlock-connector', body);
  }

  @CommandRoute('change-availability', 'Take a connector (0: the charger) in or out of service')
  changeAvailability(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: ChangeAvailabilityDto,
  ) {
    return this.send(v, id, 'change-availability', body);
  }

  @CommandRoute('get-configuration', "Read the charger's configuration; it is kept")
  getConfiguration(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: GetConfigurationDto,
  ) {
    return this.send(v, id, 'get-configuration', body);
  }

  @CommandRoute(
    'change-configuration',
    'Change one configuration key (MeterValueSampleInterval, ...)',
  )
  changeConfiguration(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: ChangeConfigurationDto,
  ) {
    return this.send(v, id, 'change-configuration', body);
  }

  @CommandRoute('trigger-message', 'Ask the charger to send a message now (TriggerMessage)')
  triggerMessage(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: TriggerMessageDto,
  ) {
    return this.send(v, id, 'trigger-message', body);
  }

  @CommandRoute('clear-cache', "Clear the charger's authorisation cache (ClearCache)")
  clearCache(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: ClearCacheDto,
  ) {
    return this.send(v, id, 'clear-cache', body as ChargerCommandParams['clear-cache']);
  }

  @CommandRoute('data-transfer', 'Send vendor-specific data (DataTransfer)')
  dataTransfer(
    @CurrentUser() v: Viewer,
    @Param('id', ChargePointIdPipe) id: string,
    @Body() body: DataTransferDto,
  ) {
    return this.send(v, id, 'data-transfer', body);
  }

  private async send<N extends ChargerCommandName>(
    viewer: Viewer,
    chargePointId: string,
    command: N,
    params: ChargerCommandParams[N],
  ): Promise<CommandResultDto> {
    await requireAccess(this.queries, viewer, chargePointId, OPERATORS);
    return this.commands.execute(
      new SendCommandCommand(chargePointId, command, { ...params }, viewer.id),
    );
  }
}
