import type { Case, Measurement, Scenario } from './scenario.js';
import { median } from './stats.js';

// From runs to rows: the median of each figure over the runs, next to its baseline's median.

export interface Row {
  scenario: string;
  figure: string;
  setup: string;
  point?: string;
  unit: string;
  better: 'lower' | 'higher';
  /** median of the runs */
  value: number;
  runs: number[];
  baselineSetup?: string;
  baseline?: number;
  baselineRuns?: number[];
  /** value / baseline */
  ratio?: number;
  /** how many times worse than the baseline (ratio, or its inverse for higher-is-better) */
  timesWorse?: number;
}

export interface CaseRuns {
  scenario: Scenario;
  case: Case;
  runs: Measurement[][];
}

const key = (m: { figure: string; point?: string }) => `${m.figure}|${m.point ?? ''}`;

function medians(runs: Measurement[][]): Map<string, { m: Measurement; runs: number[] }> {
  const out = new Map<string, { m: Measurement; runs: number[] }>();
  for (const run of runs)
    for (const m of run) {
      const entry = out.get(key(m)) ?? { m, runs: [] };
      entry.runs.push(m.value);
      out.set(key(m), entry);
    }
  return out;
}

export function toRows(all: CaseRuns[]): Row[] {
  const rows: Row[] = [];
  for (const { scenario, case: c, runs } of all) {
    if (c.target !== 'voltline') continue;
    const baseline = all.find(
      (b) =>
        b.scenario === scenario && b.case.target === 'baseline' && b.case.setup === c.baselineSetup,
    );
    const base = baseline ? medians(baseline.runs) : undefined;
    for (const [k, { m, runs: values }] of medians(runs)) {
      const info = scenario.figures[m.figure];
      const row: Row = {
        scenario: scenario.name,
        figure: m.figure,
        setup: c.setup,
        point: m.point,
        unit: info.unit,
        better: info.better,
        value: median(values),
        runs: values,
      };
      const b = base?.get(k);
      if (b && !b.runs.every(Number.isNaN)) {
        row.baselineSetup = c.baselineSetup;
        row.baselineRuns = b.runs;
        row.baseline = median(b.runs);
        row.ratio = row.value / row.baseline;
        row.timesWorse = info.better === 'lower' ? row.ratio : 1 / row.ratio;
      }
      rows.push(row);
    }
  }
  return rows;
}
