import { useEffect, useReducer } from 'preact/hooks';
import { type ChargerView, formatPower, POWER_WINDOW_MS } from '../live/charger-view.js';

const W = 600;
const H = 160;
const COLOURS = ['#0b5cad', '#b35900', '#1a7f37', '#8250df', '#cf222e'];

/** Live power per connector over the last 15 minutes, from the MeterValues events seen. */
export function PowerChart({ view }: { view: ChargerView }) {
  // slide the window even when no reading comes
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const t = setInterval(() => tick(undefined), 5000);
    return () => clearInterval(t);
  }, []);

  const now = Date.now();
  const from = now - POWER_WINDOW_MS;
  const connectors = view.snapshot.connectors;
  // scaled to what was drawn (a 7 kW session on a 50 kW charger still shows its shape)
  const top = niceCeiling(
    Math.max(1000, ...Object.values(view.power).flatMap((ps) => ps.map((p) => p.powerW))) * 1.1,
  );
  const x = (at: number) => ((at - from) / POWER_WINDOW_MS) * W;
  const y = (w: number) => H - (w / top) * H;
  const summary = connectors
    .map((c) => `connector ${c.connectorId}: ${formatPower(c.powerW)}`)
    .join(', ');

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Power now: ${summary}`}
        preserveAspectRatio="none"
      >
        <line x1="0" y1={H} x2={W} y2={H} class="axis" />
        {connectors.map((c, i) => {
          const pts = (view.power[c.connectorId] ?? []).filter((p) => p.at >= from);
          if (!pts.length) return null;
          // a step line: a reading holds until the next one, and until now for the last
          const d = pts
            .map(
              (p, j) =>
                `${j ? `H${x(p.at).toFixed(1)}` : `M${x(p.at).toFixed(1)},${y(p.powerW).toFixed(1)}`} V${y(p.powerW).toFixed(1)}`,
            )
            .join(' ');
          return (
            <path
              key={c.connectorId}
              d={`${d} H${W}`}
              stroke={COLOURS[i % COLOURS.length]}
              class="series"
            />
          );
        })}
      </svg>
      <figcaption>
        {connectors.map((c, i) => (
          <span key={c.connectorId} class="legend">
            <span class="swatch" data-colour={i % COLOURS.length} aria-hidden="true" />
            Connector {c.connectorId}: {formatPower(c.powerW)}
          </span>
        ))}
        <span class="muted"> · scale 0 to {formatPower(top)}</span>
      </figcaption>
    </figure>
  );
}

/** The next 1, 2 or 5 x 10^n W at or above `w`. */
export function niceCeiling(w: number): number {
  const step = 10 ** Math.floor(Math.log10(w));
  return ([1, 2, 5, 10].find((m) => m * step >= w) ?? 10) * step;
}
