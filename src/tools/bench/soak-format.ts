import type { SoakReport } from './soak.js';

// The soak's trends as printed: one line per series, first and last value and slope per hour.

const units = {
  rssBytes: { label: 'server RSS', unit: 'MiB', scale: 1 / 2 ** 20 },
  heapUsedBytes: { label: 'V8 heap used', unit: 'MiB', scale: 1 / 2 ** 20 },
  eventLoopP99Ms: { label: 'event-loop delay p99', unit: 'ms', scale: 1 },
  callresultP99Ms: { label: 'CALLRESULT p99', unit: 'ms', scale: 1 },
} as const;

export function report(r: SoakReport): string {
  const lines = (Object.keys(units) as Array<keyof typeof units>).map((k) => {
    const { label, unit, scale } = units[k];
    const t = r.trends[k];
    const v = (x: number) => (Number.isFinite(x) ? (x * scale).toFixed(2) : 'n/a');
    return `- ${label}: first ${v(t.first)} ${unit}, last ${v(t.last)} ${unit}, slope ${v(t.slopePerHour)} ${unit}/h (${t.samples} samples)`;
  });
  return [
    `Trends over ${r.minutes} min (${r.reconnects} reconnects, ${r.failedReconnects} failed, ${r.resubscriptions} resubscriptions):`,
    ...lines,
  ].join('\n');
}
