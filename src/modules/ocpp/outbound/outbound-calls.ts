import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import {
  type ChargerCallResult,
  type ChargerCommandName,
  type ChargerCommandParams,
} from '../../../common/contracts/charger-commands.js';
import { GetOcppTransactionIdQuery } from '../../../common/contracts/ocpp-transaction-id.js';
import {
  ConflictError,
  type DomainError,
  InvalidInputError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../../common/errors/domain-error.js';
import type { OcppConfig } from '../../../config/index.js';
import { type OcppConnection, OcppOutboundError } from '../transport/ocpp-transport.js';
import { CallQueue } from './call-queue.js';
import type { OutboundCommands, OutboundContext } from './outbound-command.js';

/** The commands of each sub-protocol, as its edge (ocpp/v16/, ...) maps them. */
export const OUTBOUND_COMMANDS = Symbol('OUTBOUND_COMMANDS');
export type OutboundCommandsByProtocol = ReadonlyMap<string, OutboundCommands>;

// Sends a command to a charger connected to this instance: the CALL of the charger's version,
// one at a time per connection, and the answer (or the way it failed) in Voltline's words.
@Injectable()
export class OutboundCalls {
  private readonly queues = new WeakMap<OcppConnection, CallQueue>();
  private readonly config: OcppConfig;

  constructor(
    @Inject(OUTBOUND_COMMANDS) private readonly byProtocol: OutboundCommandsByProtocol,
    private readonly queries: QueryBus,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<OcppConfig>('ocpp');
  }

  send<N extends ChargerCommandName>(
    connection: OcppConnection,
    command: N,
    params: ChargerCommandParams[N],
  ): Promise<ChargerCallResult> {
    const mapping = this.byProtocol.get(connection.protocol)?.[command];
    if (!mapping) return Promise.reject(new InvalidInputError(`${command} is not supported`));
    let queue = this.queues.get(connection);
    if (!queue) this.queues.set(connection, (queue = new CallQueue(this.config.callQueueMax)));
    return queue.push(async () => {
      try {
        const request = await mapping.request(params, this.context(connection));
        const response = await connection.call(mapping.action, request, this.config.callTimeoutMs);
        return {
          status: mapping.status(response as never),
          response,
          ...(mapping.configuration
            ? { configuration: mapping.configuration(response as never, params) }
            : {}),
        };
      } catch (err) {
        throw err instanceof OcppOutboundError ? failure(err, mapping.action) : err;
      }
    });
  }

  private context({ chargePointId }: OcppConnection): OutboundContext {
    return {
      chargePointId,
      ocppTransactionId: (transactionId) =>
        this.queries.execute(new GetOcppTransactionIdQuery(chargePointId, transactionId)),
    };
  }
}

function failure({ failure: f }: OcppOutboundError, action: string): DomainError {
  switch (f.kind) {
    case 'invalid_params':
      return new InvalidInputError(`Not a valid ${action} for this charger: ${f.message}`);
    case 'call_error':
      return new UpstreamError(`The charger answered ${action} with ${f.code}: ${f.message}`, {
        code: f.code,
      });
    case 'timeout':
      return new UpstreamTimeoutError(`The charger did not answer ${action} in time`);
    case 'disconnected':
      return new ConflictError(`The charger went offline before it answered ${action}`);
  }
}
