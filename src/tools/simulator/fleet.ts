import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { SimulatedCharger, type ChargerSpec } from './charger.js';
import { OCPP_VERSIONS } from './dialects.js';
import { chargerId, resolveOptions, type SimulatorOptions } from './options.js';
import { AC_PROFILES } from './power-curve.js';
import { seededRng } from './random.js';
import { registerChargers } from './registration.js';
import { formatProgress } from './report.js';
import { planTiming } from './session-plan.js';
import { sleep } from './sleep.js';
import { SimulationStats, type SimulationSummary } from './stats.js';

// The run: register (optionally), connect the chargers spread over --ramp, report progress every
// second, stop after --duration, give sessions a grace period to end, then cut what is left.
// Nothing outlives the returned promise: every timer is cleared and every socket closed.

export interface RunHooks {
  /** Called every second with a progress line. */
  readonly onProgress?: (line: string) => void;
  /** Notes worth a line (what the registration did). */
  readonly onNote?: (line: string) => void;
  /** Aborting it ends the run early, exactly as the end of --duration does. */
  readonly signal?: AbortSignal;
}

/** How long sessions may take to stop (StopTransaction...) once the run is over. */
const WIND_DOWN_MS = 10_000;
const CALL_TIMEOUT_MS = 30_000;

/** The OCPP endpoint below the server's URL (a URL that already ends in /ocpp is kept). */
export const ocppEndpoint = (url: string) => (/\/ocpp$/.test(url) ? url : `${url}/ocpp`);

/**
 * The fleet: ids, connectors, a mix of 7.4, 11 and 22 kW AC chargers, and the OCPP version each
 * speaks (a mixed fleet: odd ones 1.6, even ones 2.0.1).
 */
export function fleetPlan(o: SimulatorOptions): ChargerSpec[] {
  return Array.from({ length: o.chargers }, (_, i) => ({
    id: chargerId(o.prefix, i + 1, o.chargers),
    index: i + 1,
    connectors: o.connectors,
    profile: AC_PROFILES[i % AC_PROFILES.length],
    ocppVersion: o.ocpp === 'mixed' ? OCPP_VERSIONS[i % 2] : o.ocpp,
  }));
}

/** Runs a simulation (options as on the command line, defaults filled in) to its summary. */
export async function runSimulation(
  input: Partial<SimulatorOptions>,
  hooks: RunHooks = {},
): Promise<SimulationSummary> {
  let options = resolveOptions(input);
  const specs = fleetPlan(options);
  if (options.register && !options.password) {
    // the server gives every charger registered without one a password of its own; the fleet
    // registers with one it makes up instead, and connects with it
    options = { ...options, password: randomBytes(24).toString('base64url') };
    hooks.onNote?.('registering with a generated fleet password (set --password to choose it)');
  }
  if (options.register) {
    const { created, existing } = await registerChargers(options, specs);
    hooks.onNote?.(`registered ${created} chargers (${existing} existed already)`);
  }

  const stats = new SimulationStats(seededRng(options.seed));
  const ctx = {
    endpoint: ocppEndpoint(options.url),
    password: options.password,
    stats,
    timing: planTiming(options),
    meterIntervalS: options.meterIntervalS,
    faultRate: options.faultRate,
    rejectRate: options.rejectRate,
    remoteOnly: options.remoteOnly,
    reconnectRate: options.reconnectRate,
    callTimeoutMs: CALL_TIMEOUT_MS,
  };
  // each charger its own random stream: a replay does not depend on how calls interleave
  const chargers = specs.map(
    (spec) => new SimulatedCharger(spec, ctx, seededRng(options.seed + spec.index * 7919)),
  );

  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every waiting loop of every charger listens to it
  const end = () => stop.abort();
  const startedAt = performance.now();
  const elapsedS = () => (performance.now() - startedAt) / 1000;
  const durationTimer = setTimeout(end, options.durationS * 1000);
  hooks.signal?.addEventListener('abort', end, { once: true });
  if (hooks.signal?.aborted) end();

  let lastSent = 0;
  let lastTick = startedAt;
  const progressTimer = hooks.onProgress
    ? setInterval(() => {
        const now = performance.now();
        const messagesPerS = ((stats.sent - lastSent) * 1000) / Math.max(1, now - lastTick);
        [lastSent, lastTick] = [stats.sent, now];
        hooks.onProgress?.(
          formatProgress(stats, {
            elapsedS: elapsedS(),
            durationS: options.durationS,
            planned: specs.length,
            messagesPerS,
          }),
        );
      }, 1000)
    : undefined;

  const spreadMs = (options.rampS * 1000) / chargers.length;
  const runs = chargers.map(async (charger, i) => {
    if (await sleep(i * spreadMs, stop.signal)) await charger.run(stop.signal);
  });
  // every charger gave up (refused for good): nothing left to wait for
  void Promise.allSettled(runs).then(end);

  let windDownTimer: NodeJS.Timeout | undefined;
  try {
    await sleep(Infinity, stop.signal);
    stats.connectedAtStop = stats.connected;
    windDownTimer = setTimeout(() => chargers.forEach((c) => void c.kill()), WIND_DOWN_MS);
    for (const run of await Promise.allSettled(runs))
      if (run.status === 'rejected') stats.error(`simulator: ${String(run.reason)}`);
  } finally {
    clearTimeout(durationTimer);
    clearTimeout(windDownTimer);
    clearInterval(progressTimer);
    hooks.signal?.removeEventListener('abort', end);
  }
  return stats.summary(options.seed, specs.length, elapsedS());
}
