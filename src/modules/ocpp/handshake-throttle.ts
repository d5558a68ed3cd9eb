import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

// Failed charger handshakes (wrong password, below the profile, unknown id) are limited per
// (chargePointId, address) (OCPP_HANDSHAKE_FAILURES_PER_MIN) and per address (ten times that:
// many chargers may share one). Past either, a handshake is refused with 429 before any lookup or
// password check. Keyed by the address too, so that guesses from elsewhere cannot lock a charger
// out. Per pair an attempt is counted before its check and given back when it succeeds, so that a
// burst of parallel guesses is held to the limit too; per address only failures are counted (a
// reconnect storm of good chargers behind one NAT is never held back).
export class HandshakeThrottle {
  private readonly perId: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(failuresPerMinute: number) {
    this.perId = new RateLimiterMemory({
      keyPrefix: 'ocpp_hs_id',
      points: failuresPerMinute,
      duration: 60,
    });
    this.perAddress = new RateLimiterMemory({
      keyPrefix: 'ocpp_hs_ip',
      points: failuresPerMinute * 10,
      duration: 60,
    });
  }

  /** Seconds to wait when over a limit (the attempt is then not counted), else null. */
  async admit(chargePointId: string, address: string | undefined): Promise<number | null> {
    const byAddress = address ? await this.perAddress.get(address) : null;
    if (byAddress && byAddress.remainingPoints <= 0) return retryAfter(byAddress);
    try {
      await this.perId.consume(pairKey(chargePointId, address));
      return null;
    } catch (res) {
      if (res instanceof RateLimiterRes) return retryAfter(res);
      throw res;
    }
  }

  async succeeded(chargePointId: string, address: string | undefined): Promise<void> {
    await this.perId.reward(pairKey(chargePointId, address), 1);
  }

  async failed(address: string | undefined): Promise<void> {
    if (address) await this.perAddress.penalty(address, 1);
  }
}

const pairKey = (chargePointId: string, address: string | undefined) =>
  `${chargePointId}\u0000${address ?? ''}`;
const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));
