import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/domain-error.js';
import type { JwtConfig } from '../../config/index.js';

/** The first back-off after the allowance, doubled with each further one, at most MAX. */
const FIRST_BACKOFF_S = 60;
const MAX_BACKOFF_S = 15 * 60;

// Only failures count: an attempt is counted before the password is checked (so that parallel
// attempts cannot slip past) and the count is given back when it succeeds.
// - per address: LOGIN_RATE_LIMIT_PER_IP failures a minute, whatever username they name;
// - per (username, address): LOGIN_RATE_LIMIT_PER_USERNAME failures per 15 minutes, then a
//   back-off (1 min, 2, 4, 8, at most 15) rather than a lock. Keyed by the address too, so that
//   nobody elsewhere can lock a user (the admin) out by guessing wrong on purpose.
// Over either: 429 with Retry-After. Behind a proxy, TRUST_PROXY makes the address the client's.
@Injectable()
export class LoginRateLimiter {
  private readonly perIp: RateLimiterMemory;
  private readonly perUserAndIp: RateLimiterMemory;
  private readonly backoff: RateLimiterMemory;
  private readonly backoffs: RateLimiterMemory;

  constructor(config: ConfigService) {
    const c = config.getOrThrow<JwtConfig>('jwt');
    this.perIp = new RateLimiterMemory({
      keyPrefix: 'login_ip',
      points: c.loginRatePerIp,
      duration: 60,
    });
    this.perUserAndIp = new RateLimiterMemory({
      keyPrefix: 'login_user_ip',
      points: c.loginRatePerUsername,
      duration: 15 * 60,
    });
    // a key blocked for its back-off; and how many back-offs a key had in the last hour
    this.backoff = new RateLimiterMemory({ keyPrefix: 'login_backoff', points: 1, duration: 1 });
    this.backoffs = new RateLimiterMemory({
      keyPrefix: 'login_backoffs',
      points: 1_000_000,
      duration: 60 * 60,
    });
  }

  /** Before checking the password: refuses while the address or the pair is over its limit. */
  async admit(remoteAddress: string, username: string): Promise<void> {
    const key = pairKey(remoteAddress, username);
    const blocked = await this.backoff.get(key);
    if (blocked && blocked.consumedPoints > 1 && blocked.msBeforeNext > 0)
      throw new RateLimitedError(retryAfter(blocked));
    await this.limit(() => this.perIp.consume(remoteAddress));
    try {
      await this.perUserAndIp.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      await this.perIp.reward(remoteAddress, 1); // refused unchecked: not a failure of the address
      const n = (await this.backoffs.consume(key)).consumedPoints;
      const seconds = Math.min(FIRST_BACKOFF_S * 2 ** (n - 1), MAX_BACKOFF_S);
      await this.backoff.block(key, seconds);
      await this.perUserAndIp.delete(key); // the back-off, not the window, holds it now
      throw new RateLimitedError(seconds);
    }
  }

  /** The password was right: the attempt is given back, and the pair starts afresh. */
  async succeeded(remoteAddress: string, username: string): Promise<void> {
    const key = pairKey(remoteAddress, username);
    await this.perIp.reward(remoteAddress, 1);
    await Promise.all([
      this.perUserAndIp.delete(key),
      this.backoff.delete(key),
      this.backoffs.delete(key),
    ]);
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

const pairKey = (remoteAddress: string, username: string) =>
  `${username.toLowerCase()}\u0000${remoteAddress}`;
const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
