import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { ListOnlineChargePointIdsQuery } from '../../common/contracts/charge-points.js';
import { isValidChargePointId } from '../../common/contracts/charge-point-id.js';
import type { OcppConfig, SecurityConfig } from '../../config/index.js';
import { checkOcpp16Values, type ValueLimits } from './v16/value-checks.js';
import { Metrics } from '../../infrastructure/metrics/metrics.service.js';
import { refuseUpgrade, UpgradeRouter } from '../../infrastructure/websocket/upgrade-router.js';
import {
  AuthenticateChargePointCommand,
  ConnectChargePointCommand,
  DisconnectChargePointCommand,
  MarkOrphanedOfflineCommand,
  type OfflineReason,
} from '../charge-point/index.js';
import { type ChargerSession, ChargerSessions } from './charger-sessions.js';
import { ChargerPresence } from './presence/charger-presence.js';
import { LogSampler } from './log-sampler.js';
import { HandshakeThrottle } from './handshake-throttle.js';
import { OCPP_CLOSE } from './ocpp-close-codes.js';
import { OCPP_EDGES, type OcppActionHandler, type OcppEdge, ocppVersionOf } from './ocpp-edges.js';
import {
  OcppCallError,
  type OcppConnection,
  type OcppHandshake,
  type OcppHandshakeDecision,
  OcppTransport,
} from './transport/ocpp-transport.js';

const PATH_PREFIX = '/ocpp/';

@Injectable()
export class OcppGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OcppGateway.name);
  private readonly config: OcppConfig;
  private readonly limits: ValueLimits & { maxPendingCalls: number; ratePer10s: number };
  /** calls per charger and 10 s (OCPP_RATE_LIMIT_PER_10S) */
  private readonly callRate: RateLimiterMemory;
  private readonly logSampler = new LogSampler();
  private readonly handshakes: HandshakeThrottle;
  private readonly pending = new Set<Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];
  private shuttingDown = false;
  /** no charger is declared lost before this time (a Redis that restarted is being refilled) */
  private noLostBefore = 0;
  /** by sub-protocol: the handlers by action, and what a charger may call (its own actions,
   * and the central system's, answered NotSupported) */
  private readonly edges: ReadonlyMap<
    string,
    { byAction: ReadonlyMap<string, OcppActionHandler>; actions: readonly string[] }
  >;

  constructor(
    private readonly upgrades: UpgradeRouter,
    private readonly transport: OcppTransport,
    private readonly commands: CommandBus,
    private readonly sessions: ChargerSessions,
    private readonly presence: ChargerPresence,
    private readonly queries: QueryBus,
    private readonly metrics: Metrics,
    @Inject(OCPP_EDGES) edges: OcppEdge[],
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<OcppConfig>('ocpp');
    this.limits = config.getOrThrow<SecurityConfig>('security');
    this.handshakes = new HandshakeThrottle(
      config.getOrThrow<SecurityConfig>('security').handshakeFailuresPerMin,
    );
    this.callRate = new RateLimiterMemory({
      keyPrefix: 'ocpp_calls',
      points: this.limits.ratePer10s,
      duration: 10,
    });
    this.edges = new Map(
      edges.map((e) => {
        const byAction = new Map(e.handlers.map((h) => [h.action, h]));
        return [e.protocol, { byAction, actions: [...byAction.keys(), ...e.csmsInitiatedActions] }];
      }),
    );
    metrics.onScrape(() => metrics.chargersConnected.set(sessions.size));
  }

  async onApplicationBootstrap(): Promise<void> {
    // alone, whatever the database still marks online is a leftover of a previous run; with
    // shared presence, only chargers nobody holds are (the presence sweep finds them)
    if (!this.presence.shared) {
      const marked = await this.commands.execute(new MarkOrphanedOfflineCommand());
      if (marked > 0)
        this.logger.log(`${marked} charger(s) left online by a previous run marked offline`);
    }
    this.transport.authenticate((h) => this.decide(h));
    this.transport.onConnection((c) => this.onConnection(c));
    this.upgrades.route(PATH_PREFIX, (req, socket, head) => this.onUpgrade(req, socket, head));
    this.presence.transport.onClusterMessage((m) => {
      if (m.kind === 'charger_taken') this.onTakenElsewhere(m.chargePointId as string);
      if (m.kind === 'charger_removed') this.closeRemoved(m.chargePointId as string);
    });
    // a Redis that comes back may have lost every key: claim ours again at once
    // and give the other instances a whole TTL to do the same before anyone is declared lost
    this.presence.transport.onRecovered(() => {
      this.noLostBefore = Date.now() + this.presence.ttlMs;
      void this.presence.refresh(this.sessions.ids());
    });
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(1000, () => this.sweep());
    if (this.presence.shared) {
      every(this.presence.refreshEveryMs, () => {
        void this.presence.refresh(this.sessions.ids());
        void this.sweepLostInstances();
      });
    }
  }

  // Stop taking chargers, close them with 1001 (they reconnect, to another instance if there is
  // one), let in-flight calls and their writes finish. With shared presence the chargers are
  // not marked offline: they are released, and marked offline only if nobody takes them.
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.timers.forEach(clearInterval);
    await this.transport.close();
    await Promise.allSettled([...this.pending]);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    let id: string;
    try {
      id = decodeURIComponent(path.slice(PATH_PREFIX.length));
    } catch {
      id = '';
    }
    if (!isValidChargePointId(id)) {
      return refuseUpgrade(
        socket,
        400,
        'chargePointId must be 1 to 48 letters, digits or * - _ = + | @ .',
      );
    }
    this.transport.handleUpgrade(req, socket, head);
  }

  private async decide(h: OcppHandshake): Promise<OcppHandshakeDecision> {
    // the identity the library took from the normalised URL ('/ocpp/..' is '/'), not the raw path
    if (!isValidChargePointId(h.chargePointId)) {
      return { accept: false, status: 400, message: 'Bad Request' };
    }
    const protocol = this.transport.protocols.find((p) => h.protocols.has(p));
    if (!protocol) return { accept: false, status: 400, message: 'Unsupported subprotocol' };
    const wait = await this.handshakes.admit(h.chargePointId, h.remoteAddress);
    if (wait !== null) {
      this.refusedHandshake(h, 'too many failed handshakes');
      return { accept: false, status: 429, message: 'Too Many Requests' };
    }
    const result = await this.commands.execute(
      new AuthenticateChargePointCommand(
        h.chargePointId,
        h.password,
        this.config.allowUnknownChargers,
        { secure: h.secure, clientCertificateCn: h.clientCertificateCn },
      ),
    );
    if (result === 'accepted') {
      await this.handshakes.succeeded(h.chargePointId, h.remoteAddress);
      return { accept: true, protocol };
    }
    await this.handshakes.failed(h.remoteAddress);
    if (result === 'unknown') {
      this.refusedHandshake(h, 'unknown charger');
      return { accept: false, status: 404, message: 'Not Found' };
    }
    this.refusedHandshake(
      h,
      result === 'below_profile' ? 'connection below the security profile' : 'bad credentials',
    );
    return { accept: false, status: 401, message: 'Unauthorized' };
  }

  /** Logged at most once per address and 10 s (a flood of handshakes is one line, and a count). */
  private refusedHandshake(h: OcppHandshake, why: string): void {
    const suppressed = this.logSampler.admit(`handshake:${h.remoteAddress}`);
    if (suppressed === null) return;
    this.logger.warn({
      msg: `refused: ${why}`,
      chargePointId: h.chargePointId,
      remoteAddress: h.remoteAddress,
      ...(suppressed ? { suppressed } : {}),
    });
  }

  private onConnection(connection: OcppConnection): void {
    const { chargePointId } = connection;
    const { session, replaced } = this.sessions.open(connection);
    connection.onActivity(() => (session.lastActivityAt = Date.now()));
    connection.onClose(() => {
      if (!this.sessions.release(session)) return;
      if (this.shuttingDown && this.presence.shared)
        this.track(this.presence.release(chargePointId));
      else this.markOffline(session, 'closed');
    });
    const edge = this.edges.get(connection.protocol);
    connection.serve(edge?.actions ?? [], (action, params) =>
      this.dispatch(session, action, params),
    );
    if (replaced) {
      void replaced.connection.close(OCPP_CLOSE.REPLACED, 'replaced by a new connection');
    }
    session.ready = this.connected(chargePointId, !!replaced, connection.protocol);
    this.track(session.ready);
  }

  // Presence first (so that no sweep takes the charger for lost meanwhile), then online.
  private async connected(
    chargePointId: string,
    replacedHere: boolean,
    protocol: string,
  ): Promise<void> {
    const previous = await this.presence.claim(chargePointId);
    const me = this.presence.transport.instanceId;
    const replacedElsewhere = previous !== null && previous !== me;
    if (replacedElsewhere) {
      this.presence.transport.broadcast({ kind: 'charger_taken', chargePointId });
    }
    await this.commands.execute(
      new ConnectChargePointCommand(
        chargePointId,
        replacedHere || replacedElsewhere,
        ocppVersionOf(protocol),
      ),
    );
  }

  // The charger connected to another instance: its old socket here closes without going offline.
  private onTakenElsewhere(chargePointId: string): void {
    const session = this.sessions.get(chargePointId);
    if (!session) return;
    this.sessions.release(session);
    void session.connection.close(OCPP_CLOSE.REPLACED, 'replaced by a new connection');
  }

  /** An admin removed the charger: its connection closes, here and on every other instance. */
  removed(chargePointId: string): void {
    this.presence.transport.broadcast({ kind: 'charger_removed', chargePointId });
    this.closeRemoved(chargePointId);
  }

  // Released first: a removed charger does not go offline (its row is gone), it is just closed.
  private closeRemoved(chargePointId: string): void {
    const session = this.sessions.get(chargePointId);
    if (!session) return;
    this.sessions.release(session);
    this.track(this.presence.release(chargePointId));
    void session.connection.close(OCPP_CLOSE.REMOVED, 'removed by an admin');
  }

  // Chargers the database marks online that no instance holds (their instance died and their
  // presence ran out): offline, from whichever instance sees it first.
  private async sweepLostInstances(): Promise<void> {
    if (Date.now() < this.noLostBefore || this.presence.transport.status() !== 'up') return;
    try {
      const local = new Set(this.sessions.ids());
      const online = await this.queries.execute(new ListOnlineChargePointIdsQuery());
      const unheld = await this.presence.unheld(online.filter((id) => !local.has(id)));
      for (const id of unheld ?? []) {
        this.track(
          this.commands.execute(new DisconnectChargePointCommand(id, 'instance_lost', new Date())),
        );
      }
    } catch (err) {
      this.logger.warn(`presence sweep failed: ${(err as Error).message}`);
    }
  }

  // One charger's calls cannot crowd out the others': past OCPP_MAX_PENDING_CALLS unanswered
  // (OCPP-J allows one) or OCPP_RATE_LIMIT_PER_10S, a call is answered at once and not handled.
  private async dispatch(session: ChargerSession, action: string, params: unknown) {
    const handler = this.edges.get(session.connection.protocol)?.byAction.get(action);
    if (!handler)
      throw new OcppCallError('NotSupported', `${action} is sent by the central system`);
    const { connection } = session;
    if (session.inFlight >= this.limits.maxPendingCalls) {
      this.refused(connection.chargePointId, action, 'too many calls in flight');
      throw new OcppCallError('GenericError', 'Too many calls in flight: await each answer');
    }
    session.inFlight++;
    try {
      try {
        await this.callRate.consume(connection.chargePointId);
      } catch {
        this.refused(connection.chargePointId, action, 'rate limit');
        throw new OcppCallError('GenericError', 'Too many calls: slow down');
      }
      await session.ready.catch(() => undefined); // its failure is logged where it is tracked
      return await this.handle(handler, connection.chargePointId, action, params);
    } finally {
      session.inFlight--;
    }
  }

  private async handle(
    handler: OcppActionHandler,
    chargePointId: string,
    action: string,
    params: unknown,
  ) {
    try {
      // 1.6's rules; 2.0.1 shares the field names they look at (timestamp, connectorId, samples)
      checkOcpp16Values(action, params, this.limits);
      const result = await handler.handle(chargePointId, params);
      this.metrics.ocppMessages.inc({ action: handler.action, result: 'ok' });
      return result;
    } catch (err) {
      const code = err instanceof OcppCallError ? err.ocppCode : 'InternalError';
      this.metrics.ocppMessages.inc({ action: handler.action, result: code });
      if (err instanceof OcppCallError) {
        this.refused(chargePointId, action, `${code}: ${err.message}`);
        throw err;
      }
      const suppressed = this.logSampler.admit(`error:${chargePointId}`);
      if (suppressed !== null)
        this.logger.error({
          msg: `${handler.action} failed: ${(err as Error).message}`,
          chargePointId,
          action: handler.action,
          ...(suppressed ? { suppressed } : {}),
        });
      throw new OcppCallError('InternalError', 'The request could not be processed');
    }
  }

  /** A refused call, logged at most once per charger and 10 s (with how many were left out). */
  private refused(chargePointId: string, action: string, why: string): void {
    const suppressed = this.logSampler.admit(`refused:${chargePointId}`);
    if (suppressed === null) return;
    this.logger.warn({
      msg: `${action} refused: ${why}`,
      chargePointId,
      action,
      ...(suppressed ? { suppressed } : {}),
    });
  }

  // Offline as soon as the silence passes 2 x interval + grace; the socket is then closed.
  private sweep(): void {
    const limitMs = (2 * this.config.heartbeatIntervalS + this.config.heartbeatGraceS) * 1000;
    for (const session of this.sessions.idleSince(Date.now() - limitMs)) {
      this.sessions.release(session);
      this.markOffline(session, 'timeout');
      void session.connection.close(OCPP_CLOSE.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
    }
  }

  private markOffline(session: ChargerSession, reason: OfflineReason): void {
    const { chargePointId } = session.connection;
    this.track(this.presence.release(chargePointId));
    this.track(
      this.commands.execute(
        new DisconnectChargePointCommand(chargePointId, reason, new Date(session.lastActivityAt)),
      ),
    );
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err: Error) =>
      this.logger.error(`Connectivity update failed: ${err.message}`),
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
