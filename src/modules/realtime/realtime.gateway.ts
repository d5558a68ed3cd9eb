import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type WebSocket from 'ws';
import type { WebSocketServer } from 'ws';
import type { VerifiedToken } from '../../common/contracts/tokens.js';
import type { RealtimeConfig } from '../../config/index.js';
import { refuseUpgrade, UpgradeRouter } from '../../infrastructure/websocket/upgrade-router.js';
import { bearerOf } from './bearer.js';
import { RealtimeHub } from './realtime-hub.js';
import {
  BadRequest,
  CLOSE,
  type ClientMessage,
  parseClientMessage,
  readableId,
} from './realtime-protocol.js';
import type { UserSession } from './user-session.js';
import { BAD_TOKEN, NO_TOKEN, UserSessions } from './user-sessions.js';
import { WsSessionChannel } from './ws/ws-session-channel.js';

export const REALTIME_PATH = '/ws/users';

// /ws/users. The handshake is decided before any socket exists: Origin allowlist, a valid JWT
// (Authorization header or access_token query), the per-user session limit. Messages are the
// contract's raw JSON ({action}), handled here rather than through Nest's {event,data} envelope.
@WebSocketGateway({ path: REALTIME_PATH })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('Realtime');
  private readonly config: RealtimeConfig;
  private readonly admitted = new WeakMap<IncomingMessage, VerifiedToken>();
  private readonly sessions = new WeakMap<WebSocket, UserSession>();

  constructor(
    private readonly upgrades: UpgradeRouter,
    private readonly hub: RealtimeHub,
    private readonly userSessions: UserSessions,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RealtimeConfig>('realtime');
  }

  afterInit(server: WebSocketServer): void {
    this.upgrades.route(
      REALTIME_PATH,
      (req, socket, head) => void this.handshake(server, req, socket, head),
    );
  }

  private async handshake(
    server: WebSocketServer,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ) {
    const origin = req.headers.origin;
    if (
      origin &&
      this.config.allowedOrigins.length &&
      !this.config.allowedOrigins.includes(origin)
    ) {
      return refuseUpgrade(socket, 403, `Origin ${origin} may not open ${REALTIME_PATH}`);
    }
    const admitted = await this.userSessions.admit(bearerOf(req));
    if (admitted === 'no_token') return refuseUpgrade(socket, 401, NO_TOKEN);
    if (admitted === 'bad_token') return refuseUpgrade(socket, 401, BAD_TOKEN);
    if (admitted === 'too_many_sessions') {
      const max = this.config.maxSessionsPerUser;
      return refuseUpgrade(socket, 429, `At most ${max} sessions per user: close one first`);
    }
    const verified = admitted;
    this.admitted.set(req, verified);
    server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
  }

  handleConnection(socket: WebSocket, req: IncomingMessage): void {
    const verified = this.admitted.get(req);
    if (!verified) return socket.terminate(); // cannot happen: only admitted upgrades get here
    const session = this.userSessions.open(new WsSessionChannel(socket), verified);
    this.sessions.set(socket, session);
    socket.on('pong', () => (session.lastActivityAt = Date.now()));
    socket.on(
      'message',
      (data: WebSocket.RawData, isBinary: boolean) => void this.onMessage(session, data, isBinary),
    );
  }

  handleDisconnect(socket: WebSocket): void {
    const session = this.sessions.get(socket);
    if (session) this.userSessions.closed(session);
  }

  private async onMessage(
    session: UserSession,
    data: WebSocket.RawData,
    isBinary: boolean,
  ): Promise<void> {
    const text = isBinary ? '' : data.toString();
    const rate = session.countMessage();
    if (rate === 'abusive') return session.close(CLOSE.POLICY, 'message rate limit exceeded');
    const id = readableId(text);
    if (rate === 'limited') {
      return session.send({
        type: 'error',
        code: 'rate_limited',
        message: 'Too many messages',
        ...(id ? { id } : {}),
      });
    }
    let msg: ClientMessage;
    try {
      if (isBinary) throw new BadRequest('binary frames are not supported');
      msg = parseClientMessage(text);
    } catch (err) {
      const message = err instanceof BadRequest ? err.message : 'bad request';
      return session.send({ type: 'error', code: 'bad_request', message, ...(id ? { id } : {}) });
    }
    try {
      await this.dispatch(session, msg);
    } catch (err) {
      this.logger.error(
        `${msg.action} failed for session ${session.id}: ${(err as Error).message}`,
      );
      session.send({
        type: 'error',
        code: 'bad_request',
        message: 'could not be processed',
        ...(id ? { id } : {}),
      });
    }
  }

  private async dispatch(session: UserSession, msg: ClientMessage): Promise<void> {
    const id = msg.id ? { id: msg.id } : {};
    switch (msg.action) {
      case 'ping':
        return session.send({ type: 'pong', ...id });
      case 'subscribe':
        return this.hub.subscribe(session, msg.chargePointId, msg.sinceSeq, msg.id);
      case 'unsubscribe':
        return this.hub.unsubscribe(session, msg.chargePointId, 'requested', msg.id);
      case 'authenticate': {
        const verified = await this.userSessions.reauthenticate(session, msg.accessToken);
        if (!verified) {
          return session.send({
            type: 'error',
            code: 'bad_request',
            message: 'invalid token',
            ...id,
          });
        }
        return session.send({
          type: 'authenticated',
          expiresAt: new Date(verified.expiresAt).toISOString(),
          ...id,
        });
      }
    }
  }
}
