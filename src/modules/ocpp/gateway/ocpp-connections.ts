import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ClusterMessage } from '../../../infrastructure/event-bus/event-transport.js';
import { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import { Metrics } from '../../../infrastructure/metrics/metrics.service.js';
import { ConnectChargePointCommand } from '../../charge-point/index.js';
import { ChargerSessions } from '../charger-sessions.js';
import { OCPP_CLOSE } from '../ocpp-close-codes.js';
import { ocppVersionOf } from '../ocpp-edges.js';
import { ChargerPresence } from '../presence/charger-presence.js';
import { type OcppConnection, OcppTransport } from '../transport/ocpp-transport.js';
import { ConnectivityUpdates } from './connectivity-updates.js';
import { OcppDispatcher } from './ocpp-dispatcher.js';

// The life of a charger's connection on this instance: it becomes the charger's session (a
// previous one, here or on another instance, is replaced), the charger goes online, its calls go
// to the dispatcher; when it closes the charger goes offline (or, at shutdown with shared
// presence, is only released for another instance to take).
@Injectable()
export class OcppConnections {
  private shuttingDown = false;

  constructor(
    private readonly transport: OcppTransport,
    private readonly sessions: ChargerSessions,
    private readonly presence: ChargerPresence,
    private readonly events: EventTransport,
    private readonly commands: CommandBus,
    private readonly dispatcher: OcppDispatcher,
    private readonly updates: ConnectivityUpdates,
    metrics: Metrics,
  ) {
    metrics.onScrape(() => metrics.chargersConnected.set(sessions.size));
  }

  onConnection(connection: OcppConnection): void {
    const { chargePointId } = connection;
    const { session, replaced } = this.sessions.open(connection);
    connection.onActivity(() => (session.lastActivityAt = Date.now()));
    connection.onClose(() => {
      if (!this.sessions.release(session)) return;
      if (this.shuttingDown && this.presence.shared) this.updates.release(chargePointId);
      else this.updates.markOffline(session, 'closed');
    });
    connection.serve(this.dispatcher.actionsFor(connection.protocol), (action, params) =>
      this.dispatcher.dispatch(session, action, params),
    );
    if (replaced) {
      void replaced.connection.close(OCPP_CLOSE.REPLACED, 'replaced by a new connection');
    }
    session.ready = this.connected(chargePointId, !!replaced, connection.protocol);
    this.updates.track(session.ready);
  }

  onClusterMessage(m: ClusterMessage): void {
    if (m.kind === 'charger_taken') this.takenElsewhere(m.chargePointId as string);
    if (m.kind === 'charger_removed') this.closeRemoved(m.chargePointId as string);
  }

  /** An admin removed the charger: its connection closes, here and on every other instance. */
  removed(chargePointId: string): void {
    this.events.broadcast({ kind: 'charger_removed', chargePointId });
    this.closeRemoved(chargePointId);
  }

  // Stop taking chargers, close them with 1001 (they reconnect, to another instance if there is
  // one), let in-flight calls and their writes finish. With shared presence the chargers are
  // not marked offline: they are released, and marked offline only if nobody takes them.
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.transport.close();
    await this.updates.drain();
  }

  // Presence first (so that no sweep takes the charger for lost meanwhile), then online.
  private async connected(
    chargePointId: string,
    replacedHere: boolean,
    protocol: string,
  ): Promise<void> {
    const previous = await this.presence.claim(chargePointId);
    const replacedElsewhere = previous !== null && previous !== this.events.instanceId;
    if (replacedElsewhere) {
      this.events.broadcast({ kind: 'charger_taken', chargePointId });
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
  private takenElsewhere(chargePointId: string): void {
    const session = this.sessions.get(chargePointId);
    if (!session) return;
    this.sessions.release(session);
    void session.connection.close(OCPP_CLOSE.REPLACED, 'replaced by a new connection');
  }

  // Released first: a removed charger does not go offline (its row is gone), it is just closed.
  private closeRemoved(chargePointId: string): void {
    const session = this.sessions.get(chargePointId);
    if (!session) return;
    this.sessions.release(session);
    this.updates.release(chargePointId);
    void session.connection.close(OCPP_CLOSE.REMOVED, 'removed by an admin');
  }
}
