import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  CallChargerCommand,
  type ChargerCallResult,
  type CommandEventName,
  IsChargerConnectedQuery,
  PublishCommandEventCommand,
} from '../../../common/contracts/charger-commands.js';
import type { ChargePointEventData } from '../../../common/contracts/charge-point-events.js';
import { ConflictError, DomainError } from '../../../common/errors/domain-error.js';
import { ConfigurationStore } from '../persistence/configuration.store.js';
import { CommandRecordEntity } from '../persistence/command-record.entity.js';
import { failureStatus } from './command-failure.js';
import { type CommandOutcome, SendCommandCommand } from './send-command.command.js';

// A command's life: recorded, CommandSent to the watchers, the CALL (on whichever instance holds
// the charger), then the answer recorded and CommandCompleted. A charger that is offline gets
// nothing: the attempt is recorded and the caller gets 409.
@CommandHandler(SendCommandCommand)
export class SendCommandHandler implements ICommandHandler<SendCommandCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @InjectRepository(CommandRecordEntity)
    private readonly records: Repository<CommandRecordEntity>,
    private readonly configuration: ConfigurationStore,
  ) {}

  async execute(cmd: SendCommandCommand): Promise<CommandOutcome> {
    const { chargePointId, command, params, requestedBy } = cmd;
    const commandId = randomUUID();
    const record = {
      id: commandId,
      chargePointId,
      command,
      params: params as never,
      requestedBy,
      requestedAt: new Date(),
    };
    if (!(await this.queries.execute(new IsChargerConnectedQuery(chargePointId)))) {
      await this.records.insert({ ...record, status: 'Offline', completedAt: new Date() });
      throw new ConflictError(`Charge point ${chargePointId} is offline`, { commandId });
    }
    await this.records.insert({ ...record, status: 'Pending' });
    await this.publish(cmd, 'CommandSent', { commandId, command, requestedBy });

    let result: ChargerCallResult;
    try {
      result = await this.commands.execute(new CallChargerCommand(chargePointId, command, params));
    } catch (err) {
      const { status, error } = failureStatus(err);
      await this.complete(cmd, commandId, { status, error, response: null });
      if (err instanceof DomainError)
        throw new DomainError(err.code, err.message, { ...err.details, commandId });
      throw err;
    }
    await this.configuration.apply(chargePointId, command, params, result);
    await this.complete(cmd, commandId, {
      status: result.status,
      error: null,
      response: result.response,
    });
    return { commandId, command, status: result.status, response: result.response };
  }

  private async complete(
    cmd: SendCommandCommand,
    commandId: string,
    outcome: { status: string; error: string | null; response: unknown },
  ): Promise<void> {
    await this.records.update(
      { id: commandId },
      { ...outcome, response: outcome.response as never, completedAt: new Date() },
    );
    await this.publish(cmd, 'CommandCompleted', {
      commandId,
      command: cmd.command,
      status: outcome.status,
      ...(outcome.error !== null ? { error: outcome.error } : {}),
    });
  }

  private publish<N extends CommandEventName>(
    { chargePointId }: SendCommandCommand,
    name: N,
    data: ChargePointEventData[N],
  ): Promise<void> {
    return this.commands.execute(new PublishCommandEventCommand(chargePointId, name, data));
  }
}
