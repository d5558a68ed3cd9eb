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
import { KeyedSerialQueue } from '../../../common/async/keyed-serial-queue.js';
import { failureStatus } from './command-failure.js';
import { type CommandOutcome, SendCommandCommand } from './send-command.command.js';

// A command's life: recorded, CommandSent to the watchers, the CALL (on whichever instance holds
// the charger), then the answer recorded and CommandCompleted. A charger that is offline gets
// nothing: the attempt is recorded and the caller gets 409. Commands for one charger reach its
// queue in the order they arrived here: the steps before the CALL is queued (the record, the
// event) take their turn per charger, so a quick second command cannot overtake a slow first.
@CommandHandler(SendCommandCommand)
export class SendCommandHandler implements ICommandHandler<SendCommandCommand> {
  private readonly arrival = new KeyedSerialQueue();

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @InjectRepository(CommandRecordEntity)
    private readonly records: Repository<CommandRecordEntity>,
    private readonly configuration: ConfigurationStore,
  ) {}

  async execute(cmd: SendCommandCommand): Promise<CommandOutcome> {
    const { commandId, call } = await this.arrival.run(cmd.chargePointId, () => this.issue(cmd));
    const { chargePointId, command, params } = cmd;
    let result: ChargerCallResult;
    try {
      result = await call.promise;
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

  /** Recorded, CommandSent, and the CALL queued (not awaited: wrapped, so that run() won't). */
  private async issue(
    cmd: SendCommandCommand,
  ): Promise<{ commandId: string; call: { promise: Promise<ChargerCallResult> } }> {
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
    const promise = this.commands.execute(new CallChargerCommand(chargePointId, command, params));
    promise.catch(() => undefined); // awaited by execute(), which handles its failure
    return { commandId, call: { promise } };
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
