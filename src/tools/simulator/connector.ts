import { CallFailedError, OfflineError, StoppedError } from './connection.js';
import {
  ASKED,
  FAULT_CODES,
  tolerate,
  type ConnectorContext,
  type StopReason,
} from './connector-context.js';
import type { SimTransaction } from './dialects.js';
import { advance, startState, type ChargeState, type Vehicle } from './power-curve.js';
import { pick, uniform } from './random.js';
import { meterValue, registerReading, registerWhOf, type MeterValue } from './sampled-values.js';
import { around, randomVehicle, voltageAround, wobble } from './session-plan.js';
import { sleep } from './sleep.js';

// One connector's life: idle (Available), a driver plugs in (Preparing), Authorize,
// StartTransaction, Charging with MeterValues, StopTransaction, Finishing, Available again, and
// now and then a fault. The loop ends when `stop` aborts; a session running then is stopped
// (reason Local) so the server is not left with an open transaction. The server's commands reach
// it through requestStart (RemoteStartTransaction: a session without waiting for a driver) and
// requestStop (RemoteStopTransaction, UnlockConnector, a reset: the session ends with that reason).

export class SimulatedConnector {
  /** Aborted to cut the connector's current wait short when a fault is asked for. */
  private wakeUp = new AbortController();
  private faultPending = false;
  private faulted = false;
  /** The meter's lifetime register (Wh, unrounded): it keeps growing across sessions. */
  registerWh: number;
  /** A session under way (from Preparing to Available), or a fault. */
  private busy = false;
  private pendingStart?: string;
  private pendingStop?: StopReason;
  private transaction?: { tx: SimTransaction; state: () => ChargeState };
  private lastStatus = 'Available';
  /** Taken out of service (ChangeAvailability Inoperative): no sessions until back. */
  private inoperative = false;

  constructor(
    readonly connectorId: number,
    private readonly ctx: ConnectorContext,
    registerWh?: number,
  ) {
    this.registerWh = registerWh ?? Math.round(uniform(ctx.rng, 100_000, 5_000_000));
  }

  get transactionId(): number | string | undefined {
    return this.transaction?.tx.id;
  }

  /** RemoteStartTransaction: a session for `idTag` now; false when the connector is busy. */
  requestStart(idTag: string): boolean {
    if (this.inoperative || this.busy || this.faultPending || this.faulted || this.pendingStart)
      return false;
    this.pendingStart = idTag;
    this.wakeUp.abort();
    return true;
  }

  /** ChangeAvailability: at once when idle (and says so), Scheduled while a session runs. */
  setAvailability(operative: boolean): 'Accepted' | 'Scheduled' {
    if (this.busy) return 'Scheduled';
    this.inoperative = !operative;
    return 'Accepted';
  }

  /** Ends the running session with `reason`; false when there is none. */
  requestStop(reason: StopReason): boolean {
    if (!this.transaction || this.pendingStop) return false;
    this.pendingStop = reason;
    this.wakeUp.abort();
    return true;
  }

  /** TriggerMessage MeterValues: the reading of now (1.6 words). */
  reading(): { connectorId: number; transactionId?: number; meterValue: MeterValue[] } {
    const now = new Date();
    const running = this.transaction;
    const value = running
      ? meterValue(this.ctx.profile, running.state(), now, 'Trigger')
      : registerReading(this.registerWh, now);
    const id = running?.tx.id;
    return {
      connectorId: this.connectorId,
      transactionId: typeof id === 'number' ? id : undefined,
      meterValue: [value],
    };
  }

  /** StatusNotification now, with the current status (TriggerMessage). */
  notifyStatus(): Promise<unknown> {
    const idle = !this.busy && !this.faulted;
    const status = idle ? (this.inoperative ? 'Unavailable' : 'Available') : this.lastStatus;
    return this.ctx.dialect.status(this.connectorId, status, 'NoError', true);
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
    let pauseMs = this.idleMs(this.ctx.rng() * this.ctx.timing.idleMeanS * 1000);
    while (!stop.aborted) {
      const idle = await this.nap(pauseMs, stop);
      if (stop.aborted) break;
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      const remote = this.pendingStart;
      this.pendingStart = undefined;
      // a wake-up with nothing to do, or out of service: no driver's session
      if ((!idle || this.inoperative) && !remote && !this.faultPending) continue;
      this.busy = true;
      try {
        if (this.faultPending) await this.faultCycle(stop);
        else await this.session(stop, remote);
      } catch (err) {
        if (err instanceof StoppedError) return;
        // CallFailedError was counted where it happened; anything else is a simulator bug
        if (!(err instanceof CallFailedError || err instanceof OfflineError))
          this.ctx.stats.error(`simulator: ${(err as Error).message}`);
      } finally {
        this.busy = false;
        this.transaction = undefined;
        this.pendingStop = undefined;
      }
      pauseMs = this.idleMs(around(this.ctx.rng, this.ctx.timing.idleMeanS) * 1000);
    }
  }

  /** Waits, cut short by `stop` or a fault; true when the whole time passed. */
  private nap(ms: number, stop: AbortSignal): Promise<boolean> {
    return sleep(ms, stop, this.wakeUp.signal);
  }

  /** Idle time until the connector's own next session: for ever when only remote ones come. */
  private idleMs(ms: number): number {
    return this.ctx.remoteOnly ? Infinity : ms;
  }

  private status(status: string, errorCode = 'NoError'): Promise<unknown> {
    this.lastStatus = status;
    return this.ctx.dialect.status(this.connectorId, status, errorCode);
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

  /** A driver's session, or (`remoteIdTag`) one the server started: no Authorize then. */
  private async session(stop: AbortSignal, remoteIdTag?: string): Promise<void> {
    const { dialect, rng, timing, stats, profile } = this.ctx;
    await this.status('Preparing');
    let idTag = remoteIdTag;
    if (idTag === undefined) {
      if (!(await this.nap(timing.preparingS * 1000, stop))) {
        await this.status('Available'); // unplugged before a tag was shown (or the run ended)
        return;
      }
      idTag = this.ctx.idTag;
      if ((await dialect.authorize(idTag)) !== 'Accepted') {
        stats.authorizeRejected++;
        await this.status('Available');
        return;
      }
    }

    const vehicle = randomVehicle(rng);
    let state = startState(this.registerWh, vehicle);
    const begin = meterValue(profile, state, new Date(), 'Transaction.Begin');
    const tx = await dialect.start(this.connectorId, idTag, registerWhOf(state), begin);
    this.transaction = { tx, state: () => state };
    stats.sessionsStarted++;
    stats.sessionsActive++;
    let reason: StopReason = 'DeAuthorized'; // the tag was refused at the start
    try {
      if (tx.accepted)
        ({ state, reason } = await this.charge(
          tx,
          vehicle,
          state,
          begin,
          stop,
          (s) => (state = s),
        ));
      this.registerWh = state.registerWh;
      if (reason === 'Other') await tolerate(this.beginFault()); // Faulted first, then the charger stops
      const end = meterValue(profile, state, new Date(), 'Transaction.End');
      await dialect.stop(tx, idTag, registerWhOf(state), reason, end);
    } finally {
      stats.sessionsActive--;
    }
    if (reason === 'Other') stats.sessionsEndedByFault++;
    else if (ASKED.includes(reason)) stats.sessionsStoppedOnRequest++;
    else if (reason === 'Local') stats.sessionsStoppedAtShutdown++;
    else stats.sessionsCompleted++;

    if (reason === 'Other') return this.recover(stop);
    await this.status('Finishing');
    if (reason !== 'Local' && !stop.aborted) await this.nap(timing.finishingS * 1000, stop);
    await this.status('Available');
  }

  /** Charging until the planned end, a fault or the end of the run; MeterValues on the way. */
  private async charge(
    tx: SimTransaction,
    vehicle: Vehicle,
    initial: ChargeState,
    begin: MeterValue,
    stop: AbortSignal,
    onAdvance: (state: ChargeState) => void,
  ): Promise<{ state: ChargeState; reason: StopReason }> {
    const { dialect, rng, timing, profile, settings } = this.ctx;
    const curve = { profile, vehicle, rampS: timing.rampS };
    const send = (value: MeterValue) => tolerate(dialect.meterValues(tx, value));
    let state = initial;
    await tolerate(this.status('Charging'));
    if (!tx.beginSent) await send(begin);
    const plannedMs = around(rng, timing.sessionMeanS) * 1000;
    const startedAt = Date.now();
    let last = startedAt;
    let suspended = false;
    for (let left = plannedMs; left > 0; left = plannedMs - (Date.now() - startedAt)) {
      const meterIntervalMs = settings.meterIntervalMs; // ChangeConfiguration may have moved it
      const waitMs = Math.min(meterIntervalMs, left);
      const whole = await this.nap(waitMs, stop);
      const now = Date.now();
      state = advance(curve, state, (now - last) / 1000, wobble(rng));
      onAdvance(state);
      last = now;
      if (!whole) {
        if (stop.aborted) return { state, reason: this.ctx.endReason() };
        if (!this.pendingStop) return { state, reason: 'Other' }; // a fault: beginFault follows
        this.wakeUp = new AbortController();
        return { state, reason: this.pendingStop };
      }
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
