import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { UserTokensRevoked } from '../../common/contracts/users.js';
import {
  type ClusterMessage,
  EventTransport,
} from '../../infrastructure/event-bus/event-transport.js';
import { CLOSE } from './realtime-protocol.js';
import { SessionRegistry } from './session-registry.js';

const KIND = 'tokens_revoked';

// A user disabled, deleted or with a new password: their sessions that run on a token issued
// before end at once (4401), here and on every other instance. A session opened since, on a
// newer token, stays: a late message must not close it.
@Injectable()
@EventsHandler(UserTokensRevoked)
export class TokenRevocationsHandler implements IEventHandler<UserTokensRevoked>, OnModuleInit {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly transport: EventTransport,
  ) {}

  onModuleInit(): void {
    this.transport.onClusterMessage((m) => {
      if (m.kind === KIND && typeof m.userId === 'string' && typeof m.tokenVersion === 'number')
        this.closeSessions(m.userId, m.tokenVersion);
    });
  }

  handle({ userId, tokenVersion }: UserTokensRevoked): void {
    this.transport.broadcast({ kind: KIND, userId, tokenVersion } satisfies ClusterMessage);
    this.closeSessions(userId, tokenVersion);
  }

  private closeSessions(userId: string, tokenVersion: number): void {
    for (const session of [...this.registry.ofUser(userId)]) {
      if (session.tokenVersion < tokenVersion) session.close(CLOSE.TOKEN_EXPIRED, 'token revoked');
    }
  }
}
