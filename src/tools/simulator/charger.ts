import { simulatedIdTag } from './session-plan.js';
import {
  CallFailedError,
  OcppConnection,
  OfflineError,
  StoppedError,
  type ConnectionConfig,
} from './connection.js';
import { SimulatedConnector } from './connector.js';
import type { ConnectorProfile } from './power-curve.js';
import { exponentialDelayMs, pick, type Rng } from './random.js';
import type { Timing } from './session-plan.js';
import { sleep } from './sleep.js';
import type { SimulationStats } from './stats.js';

// One simulated charge point: connect, BootNotification (until Accepted), StatusNotification for
// connectors 0..n, then heartbeats at the interval the server gave, its connectors' sessions,
// random faults and dropped connections, until `stop`.

export interface ChargerSpec {
  readonly id: string;
  readonly index: number;
  readonly connectors: number;
  readonly profile: ConnectorProfile;
}

export interface ChargerContext {
  readonly endpoint: string;
  readonly password?: string;
  readonly stats: SimulationStats;
  readonly timing: Timing;
  readonly meterIntervalMs: number;
  readonly faultRate: number;
  readonly reconnectRate: number;
  readonly callTimeoutMs: number;
}

interface BootResult {
  status: 'Accepted' | 'Pending' | 'Rejected';
  interval: number;
}

const DEFAULT_HEARTBEAT_S = 60;
const BOOT_RETRY_MS = 10_000;
const MAX_HEARTBEAT_S = 86_400;

export class SimulatedCharger {
  private readonly connection: OcppConnection;
  private readonly connectors: SimulatedConnector[];

  constructor(
    readonly spec: ChargerSpec,
    private readonly ctx: ChargerContext,
    private readonly rng: Rng,
  ) {
    const config: ConnectionConfig = {
      endpoint: ctx.endpoint,
      identity: spec.id,
      password: ctx.password,
      callTimeoutMs: ctx.callTimeoutMs,
    };
    this.connection = new OcppConnection(config, ctx.stats, rng);
    this.connectors = Array.from(
      { length: spec.connectors },
      (_, i) =>
        new SimulatedConnector(i + 1, {
          connection: this.connection,
          stats: ctx.stats,
          rng,
          timing: ctx.timing,
          profile: spec.profile,
          meterIntervalMs: ctx.meterIntervalMs,
          idTag: simulatedIdTag(spec.id, i + 1),
        }),
    );
  }

  /** Runs until `stop`, then winds its sessions down and closes its socket. */
  async run(stop: AbortSignal): Promise<void> {
    try {
      if (!(await this.connection.open(stop))) return;
      const intervalS = await this.boot(stop);
      if (intervalS === undefined) return;
      this.ctx.stats.booted++;
      for (let connectorId = 0; connectorId <= this.spec.connectors; connectorId++) {
        await this.connection.call(
          'StatusNotification',
          { connectorId, status: 'Available', errorCode: 'NoError', timestamp: now() },
          true,
        );
      }
      // every loop ends by itself on `stop`; the first failure is reported once all have ended
      const loops = await Promise.allSettled([
        this.heartbeats(intervalS, stop),
        this.faults(stop),
        this.drops(stop),
        ...this.connectors.map((c) => c.run(stop)),
      ]);
      const failed = loops.find((l) => l.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (err) {
      if (!(err instanceof StoppedError || err instanceof CallFailedError))
        this.ctx.stats.error(`simulator: ${(err as Error).message}`);
    } finally {
      await this.connection.shutdown();
    }
  }

  /** Cuts the socket at once: the end of the run's grace period for winding down. */
  kill(): Promise<void> {
    return this.connection.shutdown(true);
  }

  /** BootNotification until Accepted (Pending/Rejected: again after the interval); its interval. */
  private async boot(stop: AbortSignal): Promise<number | undefined> {
    const { profile } = this.spec;
    const payload = {
      chargePointVendor: 'Voltline',
      chargePointModel: `Simulator AC${profile.maxPowerW / 1000}`,
      chargePointSerialNumber: `SIM-${String(this.spec.index).padStart(6, '0')}`,
      firmwareVersion: '1.0.0-sim',
      meterType: 'Simulated AC meter',
    };
    while (!stop.aborted) {
      let retryMs = BOOT_RETRY_MS;
      try {
        const res = await this.connection.call<BootResult>('BootNotification', payload, true);
        const intervalS = res.interval > 0 ? Math.min(res.interval, MAX_HEARTBEAT_S) : undefined;
        if (res.status === 'Accepted') return intervalS ?? DEFAULT_HEARTBEAT_S;
        if (intervalS) retryMs = intervalS * 1000;
      } catch (err) {
        if (!(err instanceof CallFailedError)) throw err;
      }
      if (!(await sleep(retryMs, stop))) return undefined;
    }
    return undefined;
  }

  private async heartbeats(intervalS: number, stop: AbortSignal): Promise<void> {
    while (await sleep(intervalS * 1000, stop)) {
      try {
        await this.connection.call('Heartbeat', {});
      } catch (err) {
        // offline: nothing to beat; a failed one is counted and the next comes anyway
        if (!(err instanceof OfflineError || err instanceof CallFailedError)) throw err;
      }
    }
  }

  private async faults(stop: AbortSignal): Promise<void> {
    while (await sleep(exponentialDelayMs(this.rng, this.ctx.faultRate), stop)) {
      pick(this.rng, this.connectors).requestFault();
    }
  }

  private async drops(stop: AbortSignal): Promise<void> {
    while (await sleep(exponentialDelayMs(this.rng, this.ctx.reconnectRate), stop)) {
      this.connection.drop();
    }
  }
}

const now = () => new Date().toISOString();
