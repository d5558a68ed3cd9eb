import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Header, NotFoundException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { UnauthorizedError } from '../../common/errors/domain-error.js';
import { Public } from '../../common/http/auth.decorators.js';
import type { AppConfig } from '../../config/index.js';
import { Metrics } from './metrics.service.js';

// /metrics in Prometheus format, for the scraper only: METRICS_TOKEN as a bearer token. Without
// METRICS_TOKEN the endpoint does not exist (404): a safe default.
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: Metrics,
    config: ConfigService,
  ) {
    const token = config.getOrThrow<AppConfig>('app').metricsToken;
    this.token = token ? Buffer.from(`Bearer ${token}`) : undefined;
  }

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (!this.token) throw new NotFoundException();
    const given = Buffer.from(authorization ?? '');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new UnauthorizedError();
    }
    return this.metrics.render();
  }
}
