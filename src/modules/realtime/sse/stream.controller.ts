import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  DomainError,
  InvalidInputError,
  UnauthorizedError,
} from '../../../common/errors/domain-error.js';
import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { AcceptsQueryToken } from '../../../common/http/auth.decorators.js';
import type { ChannelsConfig, RealtimeConfig } from '../../../config/index.js';
import { bearerOf } from '../bearer.js';
import { BAD_TOKEN, NO_TOKEN, UserSessions } from '../user-sessions.js';
import { SseSessionChannel } from './sse-session-channel.js';
import { parsePosition } from './stream-position.js';
import { StreamQueryDto } from './stream-query.dto.js';

// Contract section 8: the /ws/users stream as Server-Sent Events. Everything past the request's
// validation is the shared user session's (ACL, snapshot, seq, resume, limits, revocation).
@ApiTags('realtime')
@ApiBearerAuth()
@Controller('stream')
export class StreamController {
  private readonly realtime: RealtimeConfig;
  private readonly channels: ChannelsConfig;

  constructor(
    private readonly sessions: UserSessions,
    config: ConfigService,
  ) {
    this.realtime = config.getOrThrow<RealtimeConfig>('realtime');
    this.channels = config.getOrThrow<ChannelsConfig>('channels');
  }

  @Get()
  @AcceptsQueryToken()
  @ApiOperation({
    summary:
      'Live charger events as Server-Sent Events: each message the JSON /ws/users sends, ' +
      '`event:` its type, `id:` the stream position (resume with Last-Event-ID)',
    operationId: 'openStream',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The `id` of the last message received: the stream resumes from there',
  })
  @ApiOkResponse({ description: 'A text/event-stream that lasts until the token expires' })
  @ApiErrors(400, 401, 429)
  async open(
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const ids = [...new Set(query.chargePointId ?? [])];
    if (ids.length > this.realtime.maxSubscriptions) {
      throw new InvalidInputError(
        `at most ${this.realtime.maxSubscriptions} chargePointId per stream`,
      );
    }
    const admitted = await this.sessions.admit(bearerOf(req));
    if (admitted === 'no_token') throw new UnauthorizedError(NO_TOKEN);
    if (admitted === 'bad_token') throw new UnauthorizedError(BAD_TOKEN);
    if (admitted === 'too_many_sessions') {
      const max = this.realtime.maxSessionsPerUser;
      throw new DomainError('rate_limited', `At most ${max} sessions per user: close one first`);
    }
    const channel = new SseSessionChannel(res, this.channels.sseHeartbeatMs);
    const session = this.sessions.open(channel, admitted, {
      follow: ids,
      sinceSeqs: parsePosition(lastEventId, this.realtime.maxSubscriptions),
    });
    res.once('close', () => this.sessions.closed(session));
  }
}
