import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/domain-error.js';
import type { JwtConfig } from '../../config/index.js';

// Every attempt counts against the address (LOGIN_RATE_LIMIT_PER_IP a minute) and against the
// username (LOGIN_RATE_LIMIT_PER_USERNAME per 15 minutes), both taken atomically before the
// password is checked, so that parallel attempts cannot slip past; a success clears the
// username's count, so only failures accumulate. Over either: 429 with Retry-After.
@Injectable()
export class LoginRateLimiter {
  private readonly perIp: RateLimiterMemory;
  private readonly perUsername: RateLimiterMemory;

  constructor(config: ConfigService) {
    const c = config.getOrThrow<JwtConfig>('jwt');
    this.perIp = new RateLimiterMemory({
      keyPrefix: 'login_ip',
      points: c.loginRatePerIp,
      duration: 60,
    });
    this.perUsername = new RateLimiterMemory({
      keyPrefix: 'login_user',
      points: c.loginRatePerUsername,
      duration: 15 * 60,
    });
  }

  /** Before checking the password: refuses when the address or the username is over its limit. */
  async admit(remoteAddress: string, username: string): Promise<void> {
    await this.limit(() => this.perIp.consume(remoteAddress));
    await this.limit(() => this.perUsername.consume(username));
  }

  async succeeded(username: string): Promise<void> {
    await this.perUsername.delete(username);
  }

  private async limit(consume: () => Promise<RateLimiterRes>): Promise<void> {
    try {
      await consume();
    } catch (res) {
      if (res instanceof RateLimiterRes) throw new RateLimitedError(retryAfter(res));
      throw res;
    }
  }
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
