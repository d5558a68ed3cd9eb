import { createHash } from 'node:crypto';
import type { Vehicle } from './power-curve.js';
import { pick, uniform, type Rng } from './random.js';
import type { SimulatorOptions } from './options.js';

// How long things take. Sessions default to a few minutes, but a run shorter than three of them
// gets shorter sessions (a third of the run at most), so even a one-minute run shows sessions
// start and finish; everything else (idle gaps, ramp, fault recovery) follows the session length.

export interface Timing {
  readonly sessionMeanS: number;
  readonly idleMeanS: number;
  /** Seconds the EV takes to ramp up to its plateau. */
  readonly rampS: number;
  /** Plugged in (Preparing) before the driver's tag is presented. */
  readonly preparingS: number;
  /** Finishing (unplugging) before Available. */
  readonly finishingS: number;
  readonly faultRecoveryMeanS: number;
}

export function planTiming(o: Pick<SimulatorOptions, 'durationS' | 'sessionMinutes'>): Timing {
  const sessionMeanS = Math.max(1, Math.min(o.sessionMinutes * 60, o.durationS / 3));
  return {
    sessionMeanS,
    idleMeanS: sessionMeanS / 2,
    rampS: Math.min(20, sessionMeanS / 5),
    preparingS: Math.min(2, sessionMeanS / 10),
    finishingS: Math.min(3, sessionMeanS / 10),
    faultRecoveryMeanS: Math.min(60, Math.max(1, sessionMeanS / 4)),
  };
}

/** A draw around a mean: half to one and a half of it. */
export const around = (rng: Rng, meanS: number) => uniform(rng, 0.5, 1.5) * meanS;

// On-board AC chargers: 11 kW three-phase is the common case.
const ON_BOARD_CHARGERS_W = [7_400, 11_000, 11_000, 11_000, 22_000];

export function randomVehicle(rng: Rng): Vehicle {
  return {
    batteryWh: Math.round(uniform(rng, 40, 100)) * 1000,
    maxAcPowerW: pick(rng, ON_BOARD_CHARGERS_W),
    startSocPercent: uniform(rng, 10, 95),
  };
}

/**
 * The RFID tag a connector's drivers show: SIM and 12 hex digits of a hash of charger and
 * connector (an idTag is at most 20 characters), the same every run, so that --register can put
 * it in the id tag store beforehand; one per connector, so that no tag is in use twice at once.
 */
export const simulatedIdTag = (chargerId: string, connectorId: number) =>
  `SIM${createHash('sha1').update(`${chargerId}/${connectorId}`).digest('hex').slice(0, 12).toUpperCase()}`;

/** Plateau noise of a sample: within about 1 % of the plateau. */
export const wobble = (rng: Rng) => uniform(rng, 0.99, 1.01);

/** Phase voltage of a sample: a little around nominal. */
export const voltageAround = (rng: Rng, nominalV: number) => nominalV * uniform(rng, 0.98, 1.02);
