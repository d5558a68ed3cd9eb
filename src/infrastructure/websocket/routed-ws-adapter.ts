import type { Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';

// The stock WsAdapter puts its own `upgrade` listener on the HTTP server and destroys every
// upgrade on a path it does not own, /ocpp/{id} included. Here the UpgradeRouter is the only
// listener: this adapter creates the gateways' servers (noServer) and leaves routing to it.
export class RoutedWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    /** ws closes a connection that sends a bigger message with 1009 */
    private readonly maxPayload: number,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}) {
    return super.create(port, { maxPayload: this.maxPayload, ...options });
  }

  protected override ensureHttpServerExists(
    _port: number,
    httpServer?: Server,
  ): Server | undefined {
    return httpServer;
  }
}
