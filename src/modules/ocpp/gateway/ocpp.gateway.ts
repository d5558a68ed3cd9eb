import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import { UpgradeRouter } from '../../../infrastructure/websocket/upgrade-router.js';
import { OcppTransport } from '../transport/ocpp-transport.js';
import { OcppConnections } from './ocpp-connections.js';
import { OCPP_PATH_PREFIX, OcppHandshakes } from './ocpp-handshakes.js';
import { OcppSweeps } from './ocpp-sweeps.js';

// The OCPP edge's wiring: which part hears which event, in which order at start and stop.
@Injectable()
export class OcppGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly upgrades: UpgradeRouter,
    private readonly transport: OcppTransport,
    private readonly events: EventTransport,
    private readonly handshakes: OcppHandshakes,
    private readonly connections: OcppConnections,
    private readonly sweeps: OcppSweeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweeps.markOrphans();
    this.transport.authenticate((h) => this.handshakes.decide(h));
    this.transport.onConnection((c) => this.connections.onConnection(c));
    this.upgrades.route(OCPP_PATH_PREFIX, (req, socket, head) =>
      this.handshakes.onUpgrade(req, socket, head),
    );
    this.events.onClusterMessage((m) => this.connections.onClusterMessage(m));
    this.events.onRecovered(() => this.sweeps.onRecovered());
    this.sweeps.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.sweeps.stop();
    await this.connections.shutdown();
  }
}
