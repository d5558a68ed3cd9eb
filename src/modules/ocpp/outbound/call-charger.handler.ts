import { Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  QueryHandler,
} from '@nestjs/cqrs';
import {
  CallChargerCommand,
  type ChargerCallResult,
  IsChargerConnectedQuery,
} from '../../../common/contracts/charger-commands.js';
import { ConflictError } from '../../../common/errors/domain-error.js';
import type { OcppConfig } from '../../../config/index.js';
import { ClusterRequests } from '../../../infrastructure/event-bus/cluster-requests.js';
import { ChargerSessions } from '../charger-sessions.js';
import { ChargerPresence } from '../presence/charger-presence.js';
import { OutboundCalls } from './outbound-calls.js';

const CALL_CHARGER = 'call_charger';

/** Time the instance holding the charger gets beyond the call's own wait (queue, transit). */
const CLUSTER_MARGIN_MS = 5000;

const offline = (id: string) => new ConflictError(`Charge point ${id} is offline`);

// A command goes to the charger's connection on this instance, or, when another instance holds
// it (the presence keys say which), to that instance, whose answer comes back here.
@CommandHandler(CallChargerCommand)
export class CallChargerHandler implements ICommandHandler<CallChargerCommand>, OnModuleInit {
  private readonly logger = new Logger('Commands');
  private readonly config: OcppConfig;

  constructor(
    private readonly sessions: ChargerSessions,
    private readonly presence: ChargerPresence,
    private readonly outbound: OutboundCalls,
    private readonly cluster: ClusterRequests,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<OcppConfig>('ocpp');
  }

  onModuleInit(): void {
    this.cluster.handle(CALL_CHARGER, (body) => this.callHere(body as CallChargerCommand));
  }

  async execute(cmd: CallChargerCommand): Promise<ChargerCallResult> {
    if (this.sessions.get(cmd.chargePointId)) return this.callHere(cmd);
    const holder = await this.presence.holder(cmd.chargePointId);
    if (!holder || holder === this.presence.transport.instanceId) throw offline(cmd.chargePointId);
    this.logger.debug?.(`${cmd.command} for ${cmd.chargePointId} goes through ${holder}`);
    const waitMs = this.config.callTimeoutMs * this.config.callQueueMax + CLUSTER_MARGIN_MS;
    const { chargePointId, command, params } = cmd;
    return (await this.cluster.request(
      holder,
      CALL_CHARGER,
      { chargePointId, command, params },
      waitMs,
    )) as ChargerCallResult;
  }

  private callHere({ chargePointId, command, params }: CallChargerCommand) {
    const session = this.sessions.get(chargePointId);
    if (!session) return Promise.reject(offline(chargePointId));
    return this.outbound.send(session.connection, command, params);
  }
}

@QueryHandler(IsChargerConnectedQuery)
export class IsChargerConnectedHandler implements IQueryHandler<IsChargerConnectedQuery> {
  constructor(
    private readonly sessions: ChargerSessions,
    private readonly presence: ChargerPresence,
  ) {}

  async execute({ chargePointId }: IsChargerConnectedQuery): Promise<boolean> {
    if (this.sessions.get(chargePointId)) return true;
    const holder = await this.presence.holder(chargePointId);
    return holder !== null && holder !== this.presence.transport.instanceId;
  }
}
