import { parseArgs } from 'node:util';

// The simulator's options: one table says each numeric option's flag, range and default, and both
// the command line and runSimulation() go through resolveOptions(), so both are checked alike.

export interface SimulatorOptions {
  /** The server's base URL, ws:// or wss:// (the simulator adds /ocpp/{id}). */
  readonly url: string;
  readonly chargers: number;
  readonly connectors: number;
  /** The OCPP version the chargers speak; `mixed`: every other one 2.0.1. */
  readonly ocpp: OcppChoice;
  /** Charger ids are the prefix and a zero-padded index: SIM_0001, SIM_0002, ... */
  readonly prefix: string;
  /** Sent as HTTP Basic auth (security profile 1) when set. */
  readonly password?: string;
  readonly durationS: number;
  readonly rampS: number;
  readonly meterIntervalS: number;
  readonly sessionMinutes: number;
  /** Faults per charger per hour. */
  readonly faultRate: number;
  /** Dropped connections per charger per hour. */
  readonly reconnectRate: number;
  /** Share (0..1) of the server's refusable commands the chargers refuse. */
  readonly rejectRate: number;
  /** Connectors charge only when the server starts a session (RemoteStartTransaction). */
  readonly remoteOnly: boolean;
  readonly register: boolean;
  /** The REST API's base URL (default: the --url host over http(s)). */
  readonly api: string;
  readonly adminUser: string;
  readonly adminPassword?: string;
  /** The owner (user id) of registered chargers. */
  readonly owner?: string;
  readonly seed: number;
}

export class OptionsError extends Error {}

export const OCPP_CHOICES = ['1.6', '2.0.1', 'mixed'] as const;
export type OcppChoice = (typeof OCPP_CHOICES)[number];

type NumericKey =
  | 'chargers'
  | 'connectors'
  | 'durationS'
  | 'rampS'
  | 'meterIntervalS'
  | 'sessionMinutes'
  | 'faultRate'
  | 'reconnectRate'
  | 'rejectRate'
  | 'seed';

interface NumericSpec {
  flag: string;
  integer: boolean;
  min: number;
  max: number;
  default?: number;
}

export const NUMERIC: Record<NumericKey, NumericSpec> = {
  chargers: { flag: 'chargers', integer: true, min: 1, max: 10_000, default: 10 },
  connectors: { flag: 'connectors', integer: true, min: 1, max: 20, default: 2 },
  durationS: { flag: 'duration', integer: false, min: 1, max: 604_800, default: 60 },
  rampS: { flag: 'ramp', integer: false, min: 0, max: 3_600, default: 5 },
  meterIntervalS: { flag: 'meter-interval', integer: false, min: 0.5, max: 3_600, default: 10 },
  sessionMinutes: { flag: 'session-minutes', integer: false, min: 0.01, max: 1_440, default: 4 },
  faultRate: { flag: 'fault-rate', integer: false, min: 0, max: 3_600, default: 0 },
  reconnectRate: { flag: 'reconnect-rate', integer: false, min: 0, max: 3_600, default: 0 },
  rejectRate: { flag: 'reject-rate', integer: false, min: 0, max: 1, default: 0 },
  seed: { flag: 'seed', integer: true, min: 0, max: 2 ** 32 - 1 },
};

export const DEFAULT_URL = 'ws://127.0.0.1:3000';
const ID_CHARS = /^[A-Za-z0-9*\-_=+|@.]*$/; // the contract's chargePointId alphabet
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ID_LENGTH = 48;

/** The index width of charger ids: 4 digits, more for a fleet over 9999. */
export const indexWidth = (chargers: number) => Math.max(4, String(chargers).length);

export const chargerId = (prefix: string, index: number, chargers: number) =>
  `${prefix}${String(index).padStart(indexWidth(chargers), '0')}`;

function checkNumber(key: NumericKey, value: number): number {
  const s = NUMERIC[key];
  const what = s.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (s.integer && !Number.isInteger(value)))
    throw new OptionsError(`--${s.flag} must be ${what} (got ${value})`);
  if (value < s.min || value > s.max)
    throw new OptionsError(`--${s.flag} must be ${what} from ${s.min} to ${s.max} (got ${value})`);
  return value;
}

function checkUrl(flag: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OptionsError(`--${flag} is not a URL (got "${value}")`);
  }
  if (!protocols.includes(url.protocol))
    throw new OptionsError(
      `--${flag} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${value}")`,
    );
  if (url.search || url.hash)
    throw new OptionsError(`--${flag} must not have a query or fragment (got "${value}")`);
  return url.toString().replace(/\/+$/, '');
}

/** The REST API next to the OCPP endpoint: same host and port, http(s) for ws(s). */
export const apiUrlFor = (wsUrl: string) =>
  wsUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/ocpp$/, '');

/** Fills the defaults in and checks every option; throws OptionsError naming the bad one. */
export function resolveOptions(input: Partial<SimulatorOptions>): SimulatorOptions {
  const numbers = {} as Record<NumericKey, number>;
  for (const key of Object.keys(NUMERIC) as NumericKey[]) {
    if (key === 'rampS') continue; // its default depends on the duration
    const fallback =
      key === 'seed' ? Math.floor(Math.random() * 2 ** 32) : (NUMERIC[key].default as number);
    numbers[key] = checkNumber(key, input[key] ?? fallback);
  }
  // a run shorter than the default ramp connects everyone within its first half
  const defaultRamp = Math.min(NUMERIC.rampS.default as number, numbers.durationS / 2);
  numbers.rampS = checkNumber('rampS', input.rampS ?? defaultRamp);
  if (numbers.rampS > numbers.durationS)
    throw new OptionsError(`--ramp (${numbers.rampS}) must not be longer than --duration`);

  const url = checkUrl('url', input.url ?? DEFAULT_URL, ['ws:', 'wss:']);
  const prefix = input.prefix ?? 'SIM_';
  if (!ID_CHARS.test(prefix))
    throw new OptionsError(`--prefix may only hold letters, digits and * - _ = + | @ .`);
  const longest = chargerId(prefix, numbers.chargers, numbers.chargers);
  if (longest.length > MAX_ID_LENGTH)
    throw new OptionsError(`--prefix is too long: ids like ${longest} exceed 48 characters`);

  const ocpp = input.ocpp ?? '1.6';
  if (!OCPP_CHOICES.includes(ocpp))
    throw new OptionsError(`--ocpp must be one of ${OCPP_CHOICES.join(', ')} (got "${ocpp}")`);

  const register = input.register ?? false;
  const password = input.password || undefined;
  if (register && password && (password.length < 16 || password.length > 40))
    throw new OptionsError('--password must be 16 to 40 characters to be registered');
  if (!register && input.owner) throw new OptionsError('--owner needs --register');
  if (input.owner && !UUID.test(input.owner))
    throw new OptionsError(`--owner must be a user id (a UUID; got "${input.owner}")`);
  const adminPassword = input.adminPassword || undefined;
  if (register && !adminPassword)
    throw new OptionsError(
      '--register needs --admin-password (or SIMULATOR_ADMIN_PASSWORD in the environment)',
    );

  return {
    ...numbers,
    url,
    ocpp,
    prefix,
    password,
    register,
    remoteOnly: input.remoteOnly ?? false,
    api: checkUrl('api', input.api ?? apiUrlFor(url), ['http:', 'https:']),
    adminUser: input.adminUser || 'admin',
    adminPassword,
    owner: input.owner || undefined,
  };
}

export type CommandLine =
  | { readonly help: true }
  | {
      readonly help: false;
      readonly options: SimulatorOptions;
      readonly json: boolean;
      readonly quiet: boolean;
    };

const STRING_FLAGS = [
  'url',
  'ocpp',
  'prefix',
  'password',
  'api',
  'admin-user',
  'admin-password',
  'owner',
];
const BOOLEAN_FLAGS = ['register', 'remote-only', 'json', 'quiet', 'help'];

/** Reads the command line (after `node main.js`); throws OptionsError on anything wrong. */
export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): CommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const f of STRING_FLAGS) options[f] = { type: 'string' };
  for (const s of Object.values(NUMERIC)) options[s.flag] = { type: 'string' };
  for (const f of BOOLEAN_FLAGS) options[f] = { type: 'boolean' };
  options.help.short = 'h';

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new OptionsError((err as Error).message);
  }
  if (values.help) return { help: true };

  const input: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(NUMERIC)) {
    const raw = values[spec.flag] as string | undefined;
    if (raw === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(raw.trim()))
      throw new OptionsError(`--${spec.flag} must be a number (got "${raw}")`);
    input[key] = Number(raw);
  }
  const str = (flag: string) => values[flag] as string | undefined;
  return {
    help: false,
    options: resolveOptions({
      ...input,
      url: str('url'),
      ocpp: str('ocpp') as OcppChoice | undefined,
      prefix: str('prefix'),
      password: str('password'),
      register: Boolean(values.register),
      remoteOnly: Boolean(values['remote-only']),
      api: str('api'),
      adminUser: str('admin-user'),
      adminPassword: str('admin-password') ?? env.SIMULATOR_ADMIN_PASSWORD,
      owner: str('owner'),
    }),
    json: Boolean(values.json),
    quiet: Boolean(values.quiet),
  };
}
