import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RedisConfig } from '../../../config/index.js';
import { EventTransport } from '../../../infrastructure/event-bus/event-transport.js';
import { PresenceStore } from '../../../infrastructure/presence/presence-store.js';

// Which instance holds each charger, recorded in the presence store (a key per charger with a
// TTL, refreshed while connected, so that a dead instance's chargers can be told apart). Alone
// (no shared store), this process is the only holder and the start-up sweep covers a crash.
// A store that is away costs no charger its connection: what could not be recorded is logged
// and the next refresh records it again.
@Injectable()
export class ChargerPresence {
  private readonly logger = new Logger('Presence');
  private readonly ttlS: number;

  constructor(
    readonly transport: EventTransport,
    private readonly store: PresenceStore,
    config: ConfigService,
  ) {
    this.ttlS = config.getOrThrow<RedisConfig>('redis').presenceTtlS;
  }

  get shared(): boolean {
    return this.store.shared;
  }

  get ttlMs(): number {
    return this.ttlS * 1000;
  }

  get refreshEveryMs(): number {
    return Math.max(1000, Math.floor((this.ttlS * 1000) / 3));
  }

  private get me(): string {
    return this.transport.instanceId;
  }

  /** Takes the charger for this instance; returns the instance that held it before, if any. */
  async claim(chargePointId: string): Promise<string | null> {
    try {
      return await this.store.claim(chargePointId, this.me, this.ttlS);
    } catch (err) {
      this.logger.warn(`presence of ${chargePointId} not recorded: ${(err as Error).message}`);
      return null;
    }
  }

  /** The instance that holds the charger now, or null (none, or unknown while the store is away). */
  async holder(chargePointId: string): Promise<string | null> {
    return this.store.holder(chargePointId).catch(() => null);
  }

  /** Releases the charger if this instance still holds it (a newer holder keeps its key). */
  async release(chargePointId: string): Promise<void> {
    await this.store.release(chargePointId, this.me).catch(() => undefined);
  }

  async refresh(chargePointIds: string[]): Promise<void> {
    await this.store.refresh(chargePointIds, this.me, this.ttlS).catch(() => undefined);
  }

  /** Of these chargers, the ones nobody holds; null when that cannot be known (no shared store,
   * or the store is away). */
  async unheld(chargePointIds: string[]): Promise<string[] | null> {
    if (!this.store.shared) return null;
    try {
      const holders = await this.store.holders(chargePointIds);
      return chargePointIds.filter((_, i) => holders[i] === null);
    } catch {
      return null;
    }
  }
}
