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
}

export const USAGE = `Usage: npm run bench -- [--scale <0..1>] [--only <${SCENARIO_NAMES.join('|')}>]

  --scale <s>   multiply every count and rate by s (0 < s <= 1, default 1) for smaller machines
  --only <name> run one scenario (and its baseline)
  --runs <n>    runs per figure, the median is reported (default 3)
  --out <dir>   where the JSON results go (default bench/results)`;

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
  const options: BenchOptions = { scale: 1, runs: 3, outDir: 'bench/results' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE, 0);
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
    } else if (flag === '--out') options.outDir = value;
    else throw new UsageError(`unknown flag ${flag}\n\n${USAGE}`);
  }
  return options;
}
