import type { Row } from './results.js';
import type { TargetCheck } from './targets.js';

// The results table (plain text, also valid Markdown) and the targets, as printed.

export function num(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return 'inf';
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function table(rows: Row[]): string {
  const head = ['figure', 'set-up', 'unit', 'Voltline', 'baseline', 'x baseline', 'Voltline runs'];
  const body = rows.map((r) => [
    r.figure,
    `${r.setup}${r.point ? `, ${r.point}` : ''}`,
    r.unit,
    num(r.value),
    num(r.baseline),
    r.ratio === undefined ? '' : `${num(r.ratio)}x`,
    r.runs.map(num).join(' / '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 3 && i <= 5 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

export function targetLines(checks: TargetCheck[]): string {
  const mark = (m: boolean | null) => (m === null ? 'NOT MEASURED' : m ? 'met' : 'NOT MET');
  return checks.map((c) => `- ${mark(c.met)}: ${c.target} (${c.detail})`).join('\n');
}
