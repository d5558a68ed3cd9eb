export const SCENARIO_NAMES = [
  'idle',
  'idle50k',
  'ingest',
  'knee',
  'e2e',
  'fanout',
  'storm',
  'commands',
  'history',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BenchOptions {
  /** 0 < scale <= 1: counts and rates are multiplied by it (durations are not) */
  scale: number;
  only?: ScenarioName;
  /** runs per figure; the figure is their median */
  runs: number;
  outDir: string;
  /** the soak instead of the scenarios */
  soak: boolean;
  soakMinutes: number;
}

export const USAGE = `Usage: npm run bench -- [--scale <0..1>] [--only <${SCENARIO_NAMES.join('|')}>]
       npm run bench -- --soak [--soak-minutes <n>] [--scale <0..1>]

  --scale <s>          multiply every count and rate by s (0 < s <= 1, default 1) for smaller machines
  --only <name>        run one scenario (and its baseline)
  --runs <n>           runs per figure, the median is reported (default 3)
  --out <dir>          where the JSON results go (default bench/results)
  --soak               instead of the scenarios: Voltline under steady load (1,000 chargers,
                       500 MeterValues/s, 1,000 sessions, reconnects and resubscriptions) for
                       30 minutes; RSS, heap used and event-loop p99 every 30 s, with their slopes
  --soak-minutes <n>   the soak's length in minutes (1 to 720, default 30)

  idle50k wants 50,000 sockets on the server: \`ulimit -Hn\` must allow about 51,000 (the bench
  raises \`ulimit -n\` for its children up to the hard limit, and caps the count below it).`;

export class UsageError extends Error {
  constructor(
    message: string,
    /** 0 for --help */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    scale: 1,
    runs: 3,
    outDir: 'bench/results',
    soak: false,
    soakMinutes: 30,
  };
  let minutesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE, 0);
    if (flag === '--soak') {
      options.soak = true;
      continue;
    }
    if (value === undefined) throw new UsageError(`${flag} needs a value\n\n${USAGE}`);
    i++;
    if (flag === '--scale') {
      const scale = Number(value);
      if (!(scale > 0 && scale <= 1)) throw new UsageError(`--scale must be in (0, 1]: ${value}`);
      options.scale = scale;
    } else if (flag === '--only') {
      if (!SCENARIO_NAMES.includes(value as ScenarioName))
        throw new UsageError(`--only must be one of ${SCENARIO_NAMES.join(', ')}: ${value}`);
      options.only = value as ScenarioName;
    } else if (flag === '--runs') {
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1 || runs > 9)
        throw new UsageError(`--runs must be a whole number from 1 to 9: ${value}`);
      options.runs = runs;
    } else if (flag === '--soak-minutes') {
      const minutes = Number(value);
      if (!(minutes >= 1 && minutes <= 720))
        throw new UsageError(`--soak-minutes must be from 1 to 720: ${value}`);
      options.soakMinutes = minutes;
      minutesGiven = true;
    } else if (flag === '--out') options.outDir = value;
    else throw new UsageError(`unknown flag ${flag}\n\n${USAGE}`);
  }
  if (minutesGiven && !options.soak) throw new UsageError('--soak-minutes needs --soak');
  if (options.soak && options.only) throw new UsageError('--soak runs no scenario: drop --only');
  return options;
}
