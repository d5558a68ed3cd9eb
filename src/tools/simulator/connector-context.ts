import { CallFailedError } from './connection.js';
import type { ChargerSettings } from './charger-settings.js';
import type { OcppDialect } from './dialects.js';
import type { ConnectorProfile } from './power-curve.js';
import type { Rng } from './random.js';
import type { Timing } from './session-plan.js';
import type { SimulationStats } from './stats.js';

// What a simulated connector is given (its charger's dialect, settings and the run's shared
// parts) and the words it ends sessions and faults with.

export interface ConnectorContext {
  /** the charger's OCPP version: the same life, said in 1.6 or 2.0.1 */
  readonly dialect: OcppDialect;
  readonly stats: SimulationStats;
  readonly rng: Rng;
  readonly timing: Timing;
  readonly profile: ConnectorProfile;
  readonly settings: ChargerSettings;
  /** Sessions only when the server asks (RemoteStartTransaction), no drivers of their own. */
  readonly remoteOnly: boolean;
  /** Why a session ends when the run's (or this life's) signal aborts: Local, or a reset. */
  readonly endReason: () => StopReason;
  /** the tag this connector's drivers show */
  readonly idTag: string;
}

export const FAULT_CODES = [
  'GroundFailure',
  'OverCurrentFailure',
  'HighTemperature',
  'PowerMeterFailure',
  'ConnectorLockFailure',
  'EVCommunicationError',
] as const;

/** A sample or status the server refused is counted where it failed; the session goes on. */
export const tolerate = (call: Promise<unknown>) =>
  call.catch((err: unknown) => {
    if (!(err instanceof CallFailedError)) throw err;
  });

export type StopReason =
  | 'EVDisconnected'
  | 'Local'
  | 'Other'
  | 'DeAuthorized'
  | 'Remote'
  | 'UnlockCommand'
  | 'HardReset'
  | 'SoftReset';

/** Session ends the server asked for, counted apart from the drivers' own. */
export const ASKED: readonly StopReason[] = ['Remote', 'UnlockCommand', 'HardReset', 'SoftReset'];
