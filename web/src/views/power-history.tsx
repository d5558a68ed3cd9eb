import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatEnergy, formatPower } from '../live/charger-view.js';
import { niceCeiling } from './power-chart.js';

interface MeterPoint {
  connectorId: number;
  at: string;
  powerW: number | null;
  energyWh: number | null;
}

const HOUR = 3_600_000;
/** Each range with a bucket that keeps the chart between 24 and 720 points. */
export const RANGES = [
  { label: 'Last hour', ms: HOUR, bucket: '1m', words: 'last hour, 1-minute averages' },
  {
    label: 'Last 24 hours',
    ms: 24 * HOUR,
    bucket: '15m',
    words: 'last 24 hours, 15-minute averages',
  },
  { label: 'Last 7 days', ms: 7 * 24 * HOUR, bucket: '1h', words: 'last 7 days, hourly averages' },
  {
    label: 'Last 30 days',
    ms: 30 * 24 * HOUR,
    bucket: '1d',
    words: 'last 30 days, daily averages',
  },
] as const;

const W = 600;
const H = 160;
const COLOURS = ['#0b5cad', '#b35900', '#1a7f37', '#8250df', '#cf222e'];

/** Average power per connector over a longer range, from GET .../meter-values in buckets. */
export function PowerHistory({ token, chargePointId }: { token: string; chargePointId: string }) {
  const [range, setRange] = useState(1);
  const [answer, setAnswer] = useState<{ from: number; to: number; items: MeterPoint[] } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const r = RANGES[range];

  useEffect(() => {
    let current = true;
    setAnswer(null);
    setError(null);
    const to = Date.now();
    const from = to - r.ms;
    const q = new URLSearchParams({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      bucket: r.bucket,
    });
    api<{ items: MeterPoint[] }>(
      token,
      `/charge-points/${encodeURIComponent(chargePointId)}/meter-values?${q}`,
    ).then(
      (a) => current && setAnswer({ from, to, items: a.items }),
      (e: Error) => current && setError(`Could not load the power history: ${e.message}`),
    );
    return () => (current = false);
  }, [token, chargePointId, range]);

  const items = answer?.items.filter((p) => p.powerW !== null) ?? [];
  const peak = Math.max(0, ...items.map((p) => p.powerW as number));
  const top = niceCeiling(Math.max(1000, peak * 1.1));
  const connectors = [...new Set(items.map((p) => p.connectorId))].sort((a, b) => a - b);
  const x = (at: number) => answer && ((at - answer.from) / (answer.to - answer.from)) * W;
  const y = (w: number) => H - (w / top) * H;

  return (
    <section aria-labelledby="power-history-title">
      <h2 id="power-history-title">Power history</h2>
      <label for="power-range">Range</label>{' '}
      <select
        id="power-range"
        value={range}
        onChange={(e) => setRange(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {RANGES.map((x, i) => (
          <option key={x.bucket} value={i}>
            {x.label}
          </option>
        ))}
      </select>
      <p role="status">
        {error ??
          (answer
            ? `Power, ${r.words}: ${items.length ? `${items.length} readings` : 'no readings'}.`
            : 'Loading…')}
      </p>
      <figure class="chart">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`Average power per connector, ${r.words}: ${items.length ? `peak ${formatPower(peak)}` : 'no readings'}`}
          preserveAspectRatio="none"
        >
          <line x1="0" y1={H} x2={W} y2={H} class="axis" />
          {connectors.map((c, i) => {
            const d = items
              .filter((p) => p.connectorId === c)
              .map(
                (p, j) =>
                  `${j ? 'L' : 'M'}${(x(Date.parse(p.at)) ?? 0).toFixed(1)},${y(p.powerW as number).toFixed(1)}`,
              )
              .join(' ');
            // a lone bucket is drawn as a dot (round caps on a short stroke)
            const lone = !d.includes('L') ? ' h2' : '';
            return (
              <path
                key={c}
                d={d + lone}
                stroke={COLOURS[i % COLOURS.length]}
                class="series points"
              />
            );
          })}
        </svg>
        <figcaption>
          {connectors.map((c, i) => (
            <span key={c} class="legend">
              <span class="swatch" data-colour={i % COLOURS.length} aria-hidden="true" />
              Connector {c}
            </span>
          ))}
          <span class="muted"> · scale 0 to {formatPower(top)}</span>
        </figcaption>
      </figure>
      <details>
        <summary>Show as a table</summary>
        <div
          class="scroll history-table"
          role="region"
          aria-label="Average power by bucket"
          tabIndex={0}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">Connector</th>
                <th scope="col">From</th>
                <th scope="col">Average power</th>
                <th scope="col">Energy register</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={`${p.connectorId}-${p.at}`} data-connector={p.connectorId}>
                  <td>{p.connectorId}</td>
                  <td>
                    <time dateTime={p.at}>{new Date(p.at).toLocaleString()}</time>
                  </td>
                  <td data-field="power">{formatPower(p.powerW)}</td>
                  <td data-field="energy">{formatEnergy(p.energyWh)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
