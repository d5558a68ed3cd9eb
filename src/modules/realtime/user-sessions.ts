import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueryBus } from '@nestjs/cqrs';
import { ListRememberedSubscriptionsQuery } from '../../common/contracts/access.js';
import { type VerifiedToken, VerifyAccessTokenQuery } from '../../common/contracts/tokens.js';
import type { RealtimeConfig } from '../../config/index.js';
import { RealtimeHub } from './realtime-hub.js';
import { CLOSE } from './realtime-protocol.js';
import type { SessionChannel } from './session-channel.js';
import { SessionRegistry } from './session-registry.js';
import { UserSession } from './user-session.js';

export interface OpenOptions {
  follow?: string[];
  sinceSeqs?: ReadonlyMap<string, number>;
  /** false: remembered interests are not applied (an MQTT client picks its topics itself) */
  remembered?: boolean;
}

export type Admission = VerifiedToken | 'no_token' | 'bad_token' | 'too_many_sessions';

export const NO_TOKEN =
  'No access token: send it as "Authorization: Bearer <token>" or ?access_token=<token> ' +
  '(POST /api/v1/auth/login gives one)';
export const BAD_TOKEN =
  'The access token is invalid or expired: log in again (POST /api/v1/auth/login)';

// A session's life on any channel: admitted on a valid token within the per-user session limit,
// registered, closed when its token runs out (4401 on /ws/users; the stream or MQTT connection
// ends), subscribed to the user's remembered interests, cleaned up on close.
@Injectable()
export class UserSessions implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private readonly config: RealtimeConfig;
  private nextId = 1;

  constructor(
    private readonly queries: QueryBus,
    private readonly hub: RealtimeHub,
    private readonly registry: SessionRegistry,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RealtimeConfig>('realtime');
  }

  async admit(token: string | undefined): Promise<Admission> {
    if (!token) return 'no_token';
    const verified = await this.queries.execute(new VerifyAccessTokenQuery(token));
    if (!verified) return 'bad_token';
    if (this.registry.ofUser(verified.viewer.id).size >= this.config.maxSessionsPerUser) {
      return 'too_many_sessions';
    }
    return verified;
  }

  /**
   * A session on an admitted token. It follows `follow` (resumed after `sinceSeqs` where given)
   * and, unless told not to, the user's remembered interests as they come and go.
   */
  open(channel: SessionChannel, verified: VerifiedToken, options: OpenOptions = {}): UserSession {
    const session = new UserSession(
      this.nextId++,
      channel,
      verified.viewer,
      verified.expiresAt,
      this.config,
    );
    session.tokenVersion = verified.tokenVersion;
    session.followsRemembered = options.remembered ?? true;
    this.registry.add(session);
    this.armExpiry(session);
    this.follow(session, options.follow ?? [], options.sinceSeqs ?? new Map()).catch((err) =>
      this.logger.error(`session ${session.id} could not follow its chargers: ${String(err)}`),
    );
    return session;
  }

  /** A fresh token for a long-lived session: same user only. */
  async reauthenticate(session: UserSession, token: string): Promise<VerifiedToken | null> {
    const verified = await this.queries.execute(new VerifyAccessTokenQuery(token));
    if (!verified || verified.viewer.id !== session.viewer.id) return null;
    session.viewer = verified.viewer;
    session.expiresAt = verified.expiresAt;
    session.tokenVersion = verified.tokenVersion;
    this.armExpiry(session);
    return verified;
  }

  closed(session: UserSession): void {
    clearTimeout(session.expiryTimer);
    this.hub.dropSession(session);
  }

  /** Shutting down: every session is told to reconnect (1012), to another instance if any. */
  beforeApplicationShutdown(): void {
    for (const session of this.registry.all()) session.close(CLOSE.RESTART, 'server restarting');
  }

  private async follow(
    session: UserSession,
    ids: string[],
    sinceSeqs: ReadonlyMap<string, number>,
  ): Promise<void> {
    const all = new Set(ids);
    if (session.followsRemembered) {
      const remembered = new ListRememberedSubscriptionsQuery(session.viewer.id);
      for (const id of await this.queries.execute(remembered)) all.add(id);
    }
    for (const chargePointId of all) {
      if (!session.open) return;
      await this.hub.subscribe(session, chargePointId, sinceSeqs.get(chargePointId));
    }
  }

  private armExpiry(session: UserSession): void {
    clearTimeout(session.expiryTimer);
    const ms = Math.max(0, Math.min(session.expiresAt - Date.now(), 2_147_483_647));
    session.expiryTimer = setTimeout(() => session.close(CLOSE.TOKEN_EXPIRED, 'token expired'), ms);
    session.expiryTimer.unref();
  }
}
