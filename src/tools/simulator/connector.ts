import { CallFailedError, OfflineError, StoppedError, type OcppConnection } from './connection.js';
import {
  advance,
  startState,
  type ChargeState,
  type ConnectorProfile,
  type Vehicle,
} from './power-curve.js';
import { pick, uniform, type Rng } from './random.js';
import { meterValue, registerWhOf, type MeterValue } from './sampled-values.js';
import { around, randomVehicle, voltageAround, wobble, type Timing } from './session-plan.js';
import { sleep } from './sleep.js';
import type { SimulationStats } from './stats.js';

// One connector's life: idle (Available), a driver plugs in (Preparing), Authorize,
// StartTransaction, Charging with MeterValues, StopTransaction, Finishing, Available again, and
// now and then a fault. The loop ends when `stop` aborts; a session running then is stopped
// (reason Local) so the server is not left with an open transaction.

export interface ConnectorContext {
  readonly connection: OcppConnection;
  readonly stats: SimulationStats;
  readonly rng: Rng;
  readonly timing: Timing;
  readonly profile: ConnectorProfile;
  readonly meterIntervalMs: number;
  /** the tag this connector's drivers show */
  readonly idTag: string;
}

const FAULT_CODES = [
  'GroundFailure',
  'OverCurrentFailure',
  'HighTemperature',
  'PowerMeterFailure',
  'ConnectorLockFailure',
  'EVCommunicationError',
] as const;

/** A sample or status the server refused is counted where it failed; the session goes on. */
const tolerate = (call: Promise<unknown>) =>
  call.catch((err: unknown) => {
    if (!(err instanceof CallFailedError)) throw err;
  });

type StopReason = 'EVDisconnected' | 'Local' | 'Other' | 'DeAuthorized';

interface IdTagInfo {
  status: string;
}

export class SimulatedConnector {
  /** Aborted to cut the connector's current wait short when a fault is asked for. */
  private wakeUp = new AbortController();
  private faultPending = false;
  private faulted = false;
  /** The meter's lifetime register (Wh, unrounded): it keeps growing across sessions. */
  private registerWh: number;

  constructor(
    readonly connectorId: number,
    private readonly ctx: ConnectorContext,
  ) {
    this.registerWh = Math.round(uniform(ctx.rng, 100_000, 5_000_000));
  }

  /** Asks for a fault, taken at the connector's next step; false when one is already on. */
  requestFault(): boolean {
    if (this.faultPending || this.faulted) return false;
    this.faultPending = true;
    this.wakeUp.abort();
    return true;
  }

  async run(stop: AbortSignal): Promise<void> {
    // the first session starts somewhere within an idle gap, so connectors do not move in step
    let pauseMs = this.ctx.rng() * this.ctx.timing.idleMeanS * 1000;
    while (!stop.aborted) {
      await this.nap(pauseMs, stop);
      if (stop.aborted) break;
      try {
        if (this.faultPending) await this.faultCycle(stop);
        else await this.session(stop);
      } catch (err) {
        if (err instanceof StoppedError) return;
        // CallFailedError was counted where it happened; anything else is a simulator bug
        if (!(err instanceof CallFailedError || err instanceof OfflineError))
          this.ctx.stats.error(`simulator: ${(err as Error).message}`);
      }
      pauseMs = around(this.ctx.rng, this.ctx.timing.idleMeanS) * 1000;
    }
  }

  /** Waits, cut short by `stop` or a fault; true when the whole time passed. */
  private nap(ms: number, stop: AbortSignal): Promise<boolean> {
    return sleep(ms, stop, this.wakeUp.signal);
  }

  private status(status: string, errorCode = 'NoError'): Promise<unknown> {
    return this.ctx.connection.call(
      'StatusNotification',
      { connectorId: this.connectorId, status, errorCode, timestamp: new Date().toISOString() },
      true,
    );
  }

  private async beginFault(): Promise<void> {
    this.faultPending = false;
    this.faulted = true;
    this.wakeUp = new AbortController();
    this.ctx.stats.faults++;
    await this.status('Faulted', pick(this.ctx.rng, FAULT_CODES));
  }

  private async faultCycle(stop: AbortSignal): Promise<void> {
    await this.beginFault();
    await this.recover(stop);
  }

  private async recover(stop: AbortSignal): Promise<void> {
    const recovered = await sleep(
      around(this.ctx.rng, this.ctx.timing.faultRecoveryMeanS) * 1000,
      stop,
    );
    this.faulted = false;
    if (recovered) await this.status('Available');
  }

  private async session(stop: AbortSignal): Promise<void> {
    const { connection, rng, timing, stats } = this.ctx;
    await this.status('Preparing');
    if (!(await this.nap(timing.preparingS * 1000, stop))) {
      await this.status('Available'); // unplugged before a tag was shown (or the run ended)
      return;
    }
    const { idTag } = this.ctx;
    const auth = await connection.call<{ idTagInfo: IdTagInfo }>('Authorize', { idTag }, true);
    if (auth.idTagInfo.status !== 'Accepted') {
      stats.authorizeRejected++;
      await this.status('Available');
      return;
    }

    const vehicle = randomVehicle(rng);
    let state = startState(this.registerWh, vehicle);
    const startedAt = new Date();
    const start = await connection.call<{ transactionId: number; idTagInfo: IdTagInfo }>(
      'StartTransaction',
      {
        connectorId: this.connectorId,
        idTag,
        meterStart: registerWhOf(state),
        timestamp: startedAt.toISOString(),
      },
      true,
    );
    const begin = meterValue(this.ctx.profile, state, startedAt, 'Transaction.Begin');
    stats.sessionsStarted++;
    stats.sessionsActive++;
    let reason: StopReason = 'DeAuthorized'; // the tag was refused at StartTransaction
    try {
      if (start.idTagInfo.status === 'Accepted')
        ({ state, reason } = await this.charge(start.transactionId, vehicle, state, begin, stop));
      this.registerWh = state.registerWh;
      if (reason === 'Other') await tolerate(this.beginFault()); // Faulted first, then the charger stops
      const end = meterValue(this.ctx.profile, state, new Date(), 'Transaction.End');
      await connection.call(
        'StopTransaction',
        {
          transactionId: start.transactionId,
          idTag,
          meterStop: registerWhOf(state),
          timestamp: end.timestamp,
          reason,
          // the begin reading went out as MeterValues already: the end one is what is new
          transactionData: [end],
        },
        true,
      );
    } finally {
      stats.sessionsActive--;
    }
    if (reason === 'Other') stats.sessionsEndedByFault++;
    else if (reason === 'Local') stats.sessionsStoppedAtShutdown++;
    else stats.sessionsCompleted++;

    if (reason === 'Other') return this.recover(stop);
    await this.status('Finishing');
    if (reason !== 'Local') await this.nap(timing.finishingS * 1000, stop);
    await this.status('Available');
  }

  /** Charging until the planned end, a fault or the end of the run; MeterValues on the way. */
  private async charge(
    transactionId: number,
    vehicle: Vehicle,
    initial: ChargeState,
    begin: MeterValue,
    stop: AbortSignal,
  ): Promise<{ state: ChargeState; reason: StopReason }> {
    const { connection, rng, timing, profile, meterIntervalMs } = this.ctx;
    const curve = { profile, vehicle, rampS: timing.rampS };
    const send = (value: MeterValue) =>
      tolerate(
        connection.call(
          'MeterValues',
          { connectorId: this.connectorId, transactionId, meterValue: [value] },
          true,
        ),
      );
    let state = initial;
    await tolerate(this.status('Charging'));
    await send(begin);
    const plannedMs = around(rng, timing.sessionMeanS) * 1000;
    const startedAt = Date.now();
    let last = startedAt;
    let suspended = false;
    for (let left = plannedMs; left > 0; left = plannedMs - (Date.now() - startedAt)) {
      const waitMs = Math.min(meterIntervalMs, left);
      const whole = await this.nap(waitMs, stop);
      const now = Date.now();
      state = advance(curve, state, (now - last) / 1000, wobble(rng));
      last = now;
      if (!whole) return { state, reason: stop.aborted ? 'Local' : 'Other' };
      if (waitMs < meterIntervalMs) break; // the planned end came before the next sample
      if (state.socPercent >= 100 && !suspended) {
        suspended = true; // full: the EV stops drawing but stays plugged in
        await tolerate(this.status('SuspendedEV'));
      }
      const voltageV = voltageAround(rng, profile.voltageV);
      await send(meterValue(profile, state, new Date(now), 'Sample.Periodic', voltageV));
    }
    return { state, reason: 'EVDisconnected' };
  }
}
