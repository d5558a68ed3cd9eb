import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../../common/http/auth.decorators.js';
import { EventTransport } from '../event-bus/event-transport.js';

// Unauthenticated, for load balancers and orchestrators. Ready needs the database; Redis being
// away only makes the instance "degraded" (it keeps serving its own chargers and sessions), so
// it is reported but does not take the instance out of rotation.
// operational endpoints, documented in the README rather than in the user API's OpenAPI
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly transport: EventTransport,
  ) {}

  @Public()
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): void }) {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        async (): Promise<HealthIndicatorResult> => {
          const state = this.transport.status();
          return { events: { status: 'up', transport: this.transport.constructor.name, state } };
        },
      ]);
    } catch (err) {
      // the database is unreachable: out of rotation, with terminus's report as the body
      res.status(503);
      return (err as { getResponse?: () => unknown }).getResponse?.() ?? { status: 'error' };
    }
    const degraded = this.transport.status() === 'down';
    return { ...result, status: degraded ? 'degraded' : result.status };
  }
}
