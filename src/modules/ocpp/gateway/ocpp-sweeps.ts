import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ListOnlineChargePointIdsQuery } from '../../../common/contracts/charge-points.js';
import type { OcppConfig } from '../../../config/index.js';
import { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import {
  DisconnectChargePointCommand,
  MarkOrphanedOfflineCommand,
} from '../../charge-point/index.js';
import { ChargerSessions } from '../charger-sessions.js';
import { OCPP_CLOSE } from '../ocpp-close-codes.js';
import { ChargerPresence } from '../presence/charger-presence.js';
import { ConnectivityUpdates, OCPP_LOG_CONTEXT } from './connectivity-updates.js';

// What no socket event reports: a charger gone silent (offline after 2 x heartbeat interval +
// grace, its socket closed), chargers left online by a run or an instance that died, and this
// instance's presence kept alive while it holds its chargers.
@Injectable()
export class OcppSweeps {
  private readonly logger = new Logger(OCPP_LOG_CONTEXT);
  private readonly idleLimitMs: number;
  private timers: NodeJS.Timeout[] = [];
  /** no charger is declared lost before this time (a Redis that restarted is being refilled) */
  private noLostBefore = 0;

  constructor(
    private readonly sessions: ChargerSessions,
    private readonly presence: ChargerPresence,
    private readonly events: EventTransport,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly updates: ConnectivityUpdates,
    config: ConfigService,
  ) {
    const { heartbeatIntervalS, heartbeatGraceS } = config.getOrThrow<OcppConfig>('ocpp');
    this.idleLimitMs = (2 * heartbeatIntervalS + heartbeatGraceS) * 1000;
  }

  // Alone, whatever the database still marks online is a leftover of a previous run; with
  // shared presence, only chargers nobody holds are (the presence sweep finds them).
  async markOrphans(): Promise<void> {
    if (this.presence.shared) return;
    const marked = await this.commands.execute(new MarkOrphanedOfflineCommand());
    if (marked > 0)
      this.logger.log(`${marked} charger(s) left online by a previous run marked offline`);
  }

  start(): void {
    this.every(1000, () => this.sweepIdle());
    if (this.presence.shared) {
      this.every(this.presence.refreshEveryMs, () => {
        void this.presence.refresh(this.sessions.ids());
        void this.sweepLostInstances();
      });
    }
  }

  stop(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  // A Redis that comes back may have lost every key: claim ours again at once and give the
  // other instances a whole TTL to do the same before anyone is declared lost.
  onRecovered(now = Date.now()): void {
    this.noLostBefore = now + this.presence.ttlMs;
    void this.presence.refresh(this.sessions.ids());
  }

  // Offline as soon as the silence passes 2 x interval + grace; the socket is then closed.
  sweepIdle(now = Date.now()): void {
    for (const session of this.sessions.idleSince(now - this.idleLimitMs)) {
      this.sessions.release(session);
      this.updates.markOffline(session, 'timeout');
      void session.connection.close(OCPP_CLOSE.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
    }
  }

  // Chargers the database marks online that no instance holds (their instance died and their
  // presence ran out): offline, from whichever instance sees it first.
  async sweepLostInstances(now = Date.now()): Promise<void> {
    if (now < this.noLostBefore || this.events.status() !== 'up') return;
    try {
      const local = new Set(this.sessions.ids());
      const online = await this.queries.execute(new ListOnlineChargePointIdsQuery());
      const unheld = await this.presence.unheld(online.filter((id) => !local.has(id)));
      for (const id of unheld ?? []) {
        this.updates.track(
          this.commands.execute(new DisconnectChargePointCommand(id, 'instance_lost', new Date())),
        );
      }
    } catch (err) {
      this.logger.warn(`presence sweep failed: ${(err as Error).message}`);
    }
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }
}
