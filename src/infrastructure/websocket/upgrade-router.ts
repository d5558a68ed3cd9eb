import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

// The single `upgrade` listener of the HTTP port. Each WebSocket server claims a path prefix;
// an upgrade nobody claims is answered 404 and its socket destroyed (a listener that merely
// ignored it would leave the socket hanging, and keep the server from closing).
@Injectable()
export class UpgradeRouter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly routes: Array<{ prefix: string; handle: UpgradeHandler }> = [];
  private attached?: Server;
  private closing = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** `prefix` is matched against the path: '/ocpp/' takes '/ocpp/CP1', '/ws/users' takes itself. */
  route(prefix: string, handle: UpgradeHandler): void {
    this.routes.push({ prefix, handle });
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || this.attached === server) return;
    this.attached = server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.dispatch(req, socket, head),
    );
  }

  /** Shutting down: no new WebSocket connections (clients retry, elsewhere behind a balancer). */
  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  dispatch(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) return refuseUpgrade(socket, 503, 'The server is shutting down: retry');
    const path = (req.url ?? '/').split('?')[0];
    const route = this.routes.find((r) =>
      r.prefix.endsWith('/') ? path.startsWith(r.prefix) : path === r.prefix,
    );
    if (route) return route.handle(req, socket, head);
    refuseUpgrade(
      socket,
      404,
      `No WebSocket endpoint at ${path} (there are /ocpp/{id} and /ws/users)`,
    );
  }
}

/** Refuses a handshake with the API's JSON error shape, so a client can show why. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const error = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ statusCode: status, error, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${error}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
