import type { Target } from './deployments.js';
import type { RunContext } from './run-context.js';

/** One number a run produced: a figure, at one point of the scenario (e.g. "1,000/s"). */
export interface Measurement {
  figure: string;
  point?: string;
  value: number;
}

/** A set-up a scenario runs on; Voltline cases name the baseline case they compare with. */
export interface Case {
  target: Target;
  setup: string;
  baselineSetup?: string;
  /** services the case cannot run without */
  needs?: Array<'postgres' | 'redis'>;
  run(ctx: RunContext): Promise<Measurement[]>;
}

export interface FigureInfo {
  unit: string;
  better: 'lower' | 'higher';
}

export interface Scenario {
  name: string;
  /** one line: what is measured, at which counts (after --scale) */
  describe(scale: number): string;
  figures: Record<string, FigureInfo>;
  cases: Case[];
  /** a run's cap when the default (60 s) is too short */
  runCapMs?: number;
}

/** The usual pair of cases: Voltline on SQLite against the in-memory baseline. */
export function sqliteAgainstBaseline(
  run: (ctx: RunContext, target: Target) => Promise<Measurement[]>,
): Case[] {
  return [
    {
      target: 'voltline',
      setup: 'SQLite',
      baselineSetup: 'in memory',
      run: (ctx) => run(ctx, 'voltline'),
    },
    { target: 'baseline', setup: 'in memory', run: (ctx) => run(ctx, 'baseline') },
  ];
}

/**
 * The cases of a PostgreSQL scenario run through one instance and across two over Redis, for
 * Voltline and the baseline alike.
 */
export function oneAndTwoInstances(
  run: (ctx: RunContext, target: Target, instances: 1 | 2) => Promise<Measurement[]>,
): { voltline: Case[]; baseline: Case[] } {
  return {
    voltline: [
      {
        target: 'voltline',
        setup: 'one instance',
        baselineSetup: 'one instance',
        needs: ['postgres'],
        run: (ctx) => run(ctx, 'voltline', 1),
      },
      {
        target: 'voltline',
        setup: 'two instances + Redis',
        baselineSetup: 'two instances + Redis',
        needs: ['postgres', 'redis'],
        run: (ctx) => run(ctx, 'voltline', 2),
      },
    ],
    baseline: [
      { target: 'baseline', setup: 'one instance', run: (ctx) => run(ctx, 'baseline', 1) },
      {
        target: 'baseline',
        setup: 'two instances + Redis',
        needs: ['redis'],
        run: (ctx) => run(ctx, 'baseline', 2),
      },
    ],
  };
}

/** 1234.5 -> "1,235" (counts in labels) */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
