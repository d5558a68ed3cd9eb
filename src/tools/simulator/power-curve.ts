// The physics of one charging session: what the EV draws (ramp, plateau, taper with SoC) and how
// the meter register grows with it. Pure functions, so the specs can check the numbers.

/** An AC connector: what it can deliver. */
export interface ConnectorProfile {
  readonly type: string;
  readonly maxPowerW: number;
  /** Per phase. */
  readonly maxCurrentA: number;
  readonly phases: 1 | 3;
  /** Phase-to-neutral. */
  readonly voltageV: number;
}

export const AC_PROFILES: readonly ConnectorProfile[] = [
  { type: 'Type2', maxPowerW: 7_400, maxCurrentA: 32, phases: 1, voltageV: 230 },
  { type: 'Type2', maxPowerW: 11_000, maxCurrentA: 16, phases: 3, voltageV: 230 },
  { type: 'Type2', maxPowerW: 22_000, maxCurrentA: 32, phases: 3, voltageV: 230 },
];

/** The car plugged in: its battery, its on-board charger's limit, where it starts. */
export interface Vehicle {
  readonly batteryWh: number;
  readonly maxAcPowerW: number;
  readonly startSocPercent: number;
}

/** Above this state of charge the EV draws less and less. */
export const TAPER_FROM_SOC = 80;
/** What is left of the plateau at 100 % (just before the EV stops drawing). */
const TAPER_FLOOR = 0.1;
/** EVs rarely draw the full rating: the plateau sits a little under it. */
const PLATEAU_SHARE = 0.97;

export interface CurveInput {
  readonly profile: ConnectorProfile;
  readonly vehicle: Vehicle;
  /** Seconds over which the EV ramps up from 0 to its plateau. */
  readonly rampS: number;
}

/**
 * The power (W) the EV draws `elapsedS` into the session at `socPercent`: a linear ramp, a
 * plateau just under the lesser of the connector's and the car's limit (times `wobble`, the
 * sample's bit of noise), a linear taper above 80 % SoC, nothing once full.
 */
export function powerDemandW(c: CurveInput, elapsedS: number, socPercent: number, wobble = 1) {
  if (socPercent >= 100) return 0;
  const plateau = Math.min(c.profile.maxPowerW, c.vehicle.maxAcPowerW) * PLATEAU_SHARE * wobble;
  const ramp = c.rampS > 0 ? Math.min(1, Math.max(0, elapsedS / c.rampS)) : 1;
  const over = Math.max(0, socPercent - TAPER_FROM_SOC) / (100 - TAPER_FROM_SOC);
  const taper = 1 - over * (1 - TAPER_FLOOR);
  return Math.min(c.profile.maxPowerW, plateau * ramp * taper);
}

/** Where a session stands: `registerWh` is the meter's lifetime register, kept unrounded. */
export interface ChargeState {
  readonly elapsedS: number;
  readonly registerWh: number;
  readonly socPercent: number;
  readonly powerW: number;
}

export const startState = (registerWh: number, vehicle: Vehicle): ChargeState => ({
  elapsedS: 0,
  registerWh,
  socPercent: vehicle.startSocPercent,
  powerW: 0,
});

/**
 * Moves a session on by `dtS` seconds: the new power, and the energy between the two samples
 * (trapezoid of the last and new power, so the register agrees with the power the meter
 * reported), never more than the battery still takes. SoC follows the energy.
 */
export function advance(c: CurveInput, s: ChargeState, dtS: number, wobble = 1): ChargeState {
  const dt = Math.max(0, dtS);
  const elapsedS = s.elapsedS + dt;
  let powerW = powerDemandW(c, elapsedS, s.socPercent, wobble);
  const roomWh = ((100 - s.socPercent) / 100) * c.vehicle.batteryWh;
  const energyWh = Math.min(roomWh, (((s.powerW + powerW) / 2) * dt) / 3600);
  const socPercent = Math.min(100, s.socPercent + (energyWh / c.vehicle.batteryWh) * 100);
  if (socPercent >= 100) powerW = 0;
  return { elapsedS, registerWh: s.registerWh + energyWh, socPercent, powerW };
}

/** Current per phase (A) at `powerW`, from the phase voltage. */
export const currentPerPhaseA = (profile: ConnectorProfile, powerW: number, voltageV: number) =>
  powerW / (voltageV * profile.phases);
