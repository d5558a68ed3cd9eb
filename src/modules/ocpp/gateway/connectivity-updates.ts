import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DisconnectChargePointCommand, type OfflineReason } from '../../charge-point/index.js';
import type { ChargerSession } from '../charger-sessions.js';
import { ChargerPresence } from '../presence/charger-presence.js';

/** The context the OCPP edge logs under (one name for all its parts, as before the split). */
export const OCPP_LOG_CONTEXT = 'OcppGateway';

// Connectivity writes (offline, presence released) run behind the socket events that cause them:
// a failure is logged, never thrown into a socket callback, and shutdown waits for those in flight.
@Injectable()
export class ConnectivityUpdates {
  private readonly logger = new Logger(OCPP_LOG_CONTEXT);
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly commands: CommandBus,
    private readonly presence: ChargerPresence,
  ) {}

  /** The charger goes offline as of its last activity, and this instance lets go of it. */
  markOffline(session: ChargerSession, reason: OfflineReason): void {
    const { chargePointId } = session.connection;
    this.release(chargePointId);
    this.track(
      this.commands.execute(
        new DisconnectChargePointCommand(chargePointId, reason, new Date(session.lastActivityAt)),
      ),
    );
  }

  /** This instance lets go of the charger (another may take it); it does not go offline. */
  release(chargePointId: string): void {
    this.track(this.presence.release(chargePointId));
  }

  track(work: Promise<unknown>): void {
    const p = work.catch((err: Error) =>
      this.logger.error(`Connectivity update failed: ${err.message}`),
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Settles once the updates in flight now have. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
