import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type WebSocket from 'ws';
import type { WebSocketServer } from 'ws';
import { ListRememberedSubscriptionsQuery } from '../../common/contracts/access.js';
import { type VerifiedToken, VerifyAccessTokenQuery } from '../../common/contracts/tokens.js';
import type { RealtimeConfig } from '../../config/index.js';
import { refuseUpgrade, UpgradeRouter } from '../../infrastructure/websocket/upgrade-router.js';
import { RealtimeHub } from './realtime-hub.js';
import {
  BadRequest,
  CLOSE,
  type ClientMessage,
  parseClientMessage,
  readableId,
} from './realtime-protocol.js';
import { SessionRegistry } from './session-registry.js';
import { UserSession } from './user-session.js';

export const REALTIME_PATH = '/ws/users';

const NO_TOKEN =
  'No access token: send it as "Authorization: Bearer <token>" or ?access_token=<token> ' +
  '(POST /api/v1/auth/login gives one)';
const BAD_TOKEN = 'The access token is invalid or expired: log in again (POST /api/v1/auth/login)';

// /ws/users. The handshake is decided before any socket exists: Origin allowlist, a valid JWT
// (Authorization header or access_token query), the per-user session limit. Messages are the
// contract's raw JSON ({action}), handled here rather than through Nest's {event,data} envelope.
@WebSocketGateway({ path: REALTIME_PATH })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Realtime');
  private readonly config: RealtimeConfig;
  private readonly admitted = new WeakMap<IncomingMessage, VerifiedToken>();
  private readonly sessions = new WeakMap<WebSocket, UserSession>();
  private nextId = 1;

  constructor(
    private readonly upgrades: UpgradeRouter,
    private readonly queries: QueryBus,
    private readonly hub: RealtimeHub,
    private readonly registry: SessionRegistry,
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
    const token = bearerOf(req);
    if (!token) return refuseUpgrade(socket, 401, NO_TOKEN);
    const verified = await this.queries.execute(new VerifyAccessTokenQuery(token));
    if (!verified) return refuseUpgrade(socket, 401, BAD_TOKEN);
    const max = this.config.maxSessionsPerUser;
    if (this.registry.ofUser(verified.viewer.id).size >= max) {
      return refuseUpgrade(socket, 429, `At most ${max} sessions per user: close one first`);
    }
    this.admitted.set(req, verified);
    server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
  }

  handleConnection(socket: WebSocket, req: IncomingMessage): void {
    const verified = this.admitted.get(req);
    if (!verified) return socket.terminate(); // cannot happen: only admitted upgrades get here
    const session = new UserSession(
      this.nextId++,
      socket,
      verified.viewer,
      verified.expiresAt,
      this.config,
    );
    session.tokenVersion = verified.tokenVersion;
    this.sessions.set(socket, session);
    this.registry.add(session);
    this.armExpiry(session);
    socket.on('pong', () => (session.lastActivityAt = Date.now()));
    socket.on(
      'message',
      (data: WebSocket.RawData, isBinary: boolean) => void this.onMessage(session, data, isBinary),
    );
    void this.applyRemembered(session);
  }

  /** Shutting down: every session is told to reconnect (1012), to another instance if any. */
  beforeApplicationShutdown(): void {
    for (const session of this.registry.all()) session.close(CLOSE.RESTART, 'server restarting');
  }

  handleDisconnect(socket: WebSocket): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    clearTimeout(session.expiryTimer);
    this.hub.dropSession(session);
  }

  private async applyRemembered(session: UserSession): Promise<void> {
    const ids = await this.queries.execute(new ListRememberedSubscriptionsQuery(session.viewer.id));
    for (const chargePointId of ids) await this.hub.subscribe(session, chargePointId);
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
        const verified = await this.queries.execute(new VerifyAccessTokenQuery(msg.accessToken));
        if (!verified || verified.viewer.id !== session.viewer.id) {
          return session.send({
            type: 'error',
            code: 'bad_request',
            message: 'invalid token',
            ...id,
          });
        }
        session.viewer = verified.viewer;
        session.expiresAt = verified.expiresAt;
        session.tokenVersion = verified.tokenVersion;
        this.armExpiry(session);
        return session.send({
          type: 'authenticated',
          expiresAt: new Date(verified.expiresAt).toISOString(),
          ...id,
        });
      }
    }
  }

  private armExpiry(session: UserSession): void {
    clearTimeout(session.expiryTimer);
    const ms = Math.max(0, Math.min(session.expiresAt - Date.now(), 2_147_483_647));
    session.expiryTimer = setTimeout(() => session.close(CLOSE.TOKEN_EXPIRED, 'token expired'), ms);
    session.expiryTimer.unref();
  }
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  if (header) return header[1];
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('access_token');
  return query ?? undefined;
}
