import { simulatedIdTag } from './session-plan.js';
import {
  CallFailedError,
  OcppConnection,
  OfflineError,
  StoppedError,
  type ConnectionConfig,
} from './connection.js';
import { ChargerSettings } from './charger-settings.js';
import { answerCommands, COMMANDS } from './commands/index.js';
import type { StopReason } from './connector-context.js';
import { SimulatedConnector } from './connector.js';
import {
  type BootInfo,
  type BootResult,
  dialectFor,
  type OcppDialect,
  type OcppVersion,
} from './dialects.js';
import type { ConnectorProfile } from './power-curve.js';
import { exponentialDelayMs, pick, type Rng } from './random.js';
import type { Timing } from './session-plan.js';
import { sleep } from './sleep.js';
import type { SimulationStats } from './stats.js';

// One simulated charge point: connect, BootNotification (until Accepted), StatusNotification for
// connectors 0..n, then heartbeats at the interval the server gave, its connectors' sessions,
// random faults and dropped connections, until `stop`. It answers the server's commands
// (commands/); a Reset ends this life: the sessions stop, the socket closes, and the
// charger boots again on a new one, keeping its meters and configuration.

export interface ChargerSpec {
  readonly id: string;
  readonly index: number;
  readonly connectors: number;
  readonly profile: ConnectorProfile;
  readonly ocppVersion: OcppVersion;
}

export interface ChargerContext {
  readonly endpoint: string;
  readonly password?: string;
  readonly stats: SimulationStats;
  readonly timing: Timing;
  readonly meterIntervalS: number;
  readonly faultRate: number;
  /** Share (0..1) of refusable commands refused. */
  readonly rejectRate: number;
  /** Connectors charge only when the server starts a session. */
  readonly remoteOnly: boolean;
  readonly reconnectRate: number;
  readonly callTimeoutMs: number;
}

const DEFAULT_HEARTBEAT_S = 60;
const BOOT_RETRY_MS = 10_000;
const MAX_HEARTBEAT_S = 86_400;
/** A reset's reboot: the charger is away this long before it connects again. */
const REBOOT_MS = 1_000;

export class SimulatedCharger {
  private connection?: OcppConnection;
  private dialect?: OcppDialect;
  connectors: SimulatedConnector[] = [];
  readonly settings: ChargerSettings;
  /** The meters' registers, carried from one life (boot) to the next. */
  private registers: Array<number | undefined>;
  private resetType?: 'Hard' | 'Soft';
  private life = new AbortController();

  constructor(
    readonly spec: ChargerSpec,
    private readonly ctx: ChargerContext,
    private readonly rng: Rng,
  ) {
    this.settings = new ChargerSettings(ctx.meterIntervalS, spec.connectors);
    this.registers = Array.from({ length: spec.connectors }, () => undefined);
  }

  /** Runs until `stop` (booting again after each reset), then winds down and closes its socket. */
  async run(stop: AbortSignal): Promise<void> {
    while (!stop.aborted && (await this.live(stop))) {
      this.ctx.stats.resets++;
      if (!(await sleep(REBOOT_MS, stop))) return;
    }
  }

  /** Reset (the command): after the answer went out, this life ends and the charger reboots. */
  reset(type: 'Hard' | 'Soft'): void {
    this.resetType ??= type;
    this.life.abort();
  }

  send(action: 'BootNotification' | 'Heartbeat'): Promise<unknown> {
    if (action === 'BootNotification') return this.speech.boot(this.bootInfo());
    return this.link.call(action, {}, true);
  }

  /** One boot's life, until `stop` (false) or a reset (true). */
  private async live(stop: AbortSignal): Promise<boolean> {
    this.resetType = undefined;
    this.life = new AbortController();
    const life = this.life;
    const onStop = () => life.abort();
    stop.addEventListener('abort', onStop, { once: true });
    const config: ConnectionConfig = {
      endpoint: this.ctx.endpoint,
      identity: this.spec.id,
      password: this.ctx.password,
      callTimeoutMs: this.ctx.callTimeoutMs,
      protocol: this.spec.ocppVersion === '2.0.1' ? 'ocpp2.0.1' : 'ocpp1.6',
    };
    this.connection = new OcppConnection(config, this.ctx.stats, this.rng);
    this.dialect = dialectFor(this.spec.ocppVersion, this.connection);
    const endReason = (): StopReason =>
      this.resetType ? (`${this.resetType}Reset` as const) : 'Local';
    this.connectors = this.registers.map(
      (registerWh, i) =>
        new SimulatedConnector(
          i + 1,
          {
            dialect: this.speech,
            stats: this.ctx.stats,
            rng: this.rng,
            timing: this.ctx.timing,
            profile: this.spec.profile,
            settings: this.settings,
            remoteOnly: this.ctx.remoteOnly,
            endReason,
            idTag: simulatedIdTag(this.spec.id, i + 1),
          },
          registerWh,
        ),
    );
    answerCommands(this.link, COMMANDS[this.spec.ocppVersion](this, this.link), {
      rng: this.rng,
      stats: this.ctx.stats,
      rejectRate: this.ctx.rejectRate,
    });
    try {
      await this.bootAndRun(life.signal);
    } finally {
      stop.removeEventListener('abort', onStop);
      this.registers = this.connectors.map((c) => c.registerWh);
    }
    return !stop.aborted && this.resetType !== undefined;
  }

  private async bootAndRun(stop: AbortSignal): Promise<void> {
    try {
      if (!(await this.link.open(stop))) return;
      const intervalS = await this.boot(stop);
      if (intervalS === undefined) return;
      this.settings.heartbeatIntervalS = intervalS;
      this.ctx.stats.booted++;
      for (let connectorId = 0; connectorId <= this.spec.connectors; connectorId++) {
        await this.speech.status(connectorId, 'Available');
      }
      // every loop ends by itself on `stop`; the first failure is reported once all have ended
      const loops = await Promise.allSettled([
        this.heartbeats(stop),
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
      await this.link.shutdown();
    }
  }

  /** Cuts the socket at once: the end of the run's grace period for winding down. */
  kill(): Promise<void> {
    return this.connection?.shutdown(true) ?? Promise.resolve();
  }

  /** The OCPP version's words of the current life. */
  private get speech(): OcppDialect {
    if (!this.dialect) throw new Error('not running');
    return this.dialect;
  }

  /** The connection of the current life. */
  private get link(): OcppConnection {
    if (!this.connection) throw new Error('not running');
    return this.connection;
  }

  /** BootNotification until Accepted (Pending/Rejected: again after the interval); its interval. */
  private bootInfo(): BootInfo {
    return {
      vendor: 'Voltline',
      model: `Simulator AC${this.spec.profile.maxPowerW / 1000}`,
      serialNumber: `SIM-${String(this.spec.index).padStart(6, '0')}`,
      firmwareVersion: '1.0.0-sim',
    };
  }

  private async boot(stop: AbortSignal): Promise<number | undefined> {
    const info = this.bootInfo();
    while (!stop.aborted) {
      let retryMs = BOOT_RETRY_MS;
      try {
        const res: BootResult = await this.speech.boot(info);
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

  private async heartbeats(stop: AbortSignal): Promise<void> {
    // ChangeConfiguration HeartbeatInterval takes effect from the next beat
    while (await sleep(this.settings.heartbeatIntervalS * 1000, stop)) {
      try {
        await this.link.call('Heartbeat', {});
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
      this.link.drop();
    }
  }
}
