import pg from 'pg';
import { DataSource } from 'typeorm';
import { deploy } from '../deployments.js';
import type { RunContext } from '../run-context.js';
import { fmt, type Measurement, type Scenario } from '../scenario.js';
import { median } from '../stats.js';

// The meter history a chart asks for (contract section 7): a month at 15-minute buckets of one
// connector of a charger that reported power and energy every 10 s on two connectors. The
// samples are written straight into the database (one INSERT ... SELECT over a generated series:
// the ingest scenario measures the OCPP path); then GET .../meter-values is timed, the median
// of QUERIES requests after one warm-up. Voltline only: the baseline stores nothing.

const CHARGER = 'HIST_0001';
const INTERVAL_S = 10;
const MONTH_S = 30 * 86_400;
const QUERIES = 3;
const START = Date.parse('2026-10-01T00:00:00.000Z');

const readings = (ctx: RunContext) => ctx.count(MONTH_S / INTERVAL_S, 100);

const COLUMNS =
  'charge_point_id, connector_id, transaction_id, sampled_at, measurand, unit, value, raw_value';

async function fillPostgres(url: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO meter_value_samples (${COLUMNS})
       SELECT $1, c, NULL, to_timestamp($2::double precision + i * $3), m.measurand, m.unit,
              CASE WHEN m.unit = 'W' THEN 7000 + (i % 60) * 10 ELSE i * 20 END, '0'
       FROM generate_series(0, $4::int - 1) AS i
       CROSS JOIN (VALUES (1), (2)) AS con(c)
       CROSS JOIN (VALUES ('Power.Active.Import', 'W'), ('Energy.Active.Import.Register', 'Wh'))
         AS m(measurand, unit)`,
      [CHARGER, START / 1000, INTERVAL_S, n],
    );
    await client.query('ANALYZE meter_value_samples');
  } finally {
    await client.end();
  }
}

// In slices of a day: one long write transaction would hold SQLite's write lock for seconds, past
// the server's busy timeout.
async function fillSqlite(path: string, n: number): Promise<void> {
  const db = await new DataSource({
    type: 'better-sqlite3',
    database: path,
    prepareDatabase: (d: { pragma(s: string): unknown }) => {
      d.pragma('busy_timeout = 10000');
    },
  }).initialize();
  const slice = 86_400 / INTERVAL_S;
  try {
    for (let first = 0; first < n; first += slice) {
      await db.query(
        `WITH RECURSIVE seq(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1)
         INSERT INTO meter_value_samples (${COLUMNS})
         SELECT ?, con.c, NULL,
                strftime('%Y-%m-%d %H:%M:%f', ? + i * ?, 'unixepoch'), m.measurand, m.unit,
                CASE WHEN m.unit = 'W' THEN 7000 + (i % 60) * 10 ELSE i * 20 END, '0'
         FROM seq
         CROSS JOIN (SELECT 1 AS c UNION ALL SELECT 2) AS con
         CROSS JOIN (SELECT 'Power.Active.Import' AS measurand, 'W' AS unit
                     UNION ALL SELECT 'Energy.Active.Import.Register', 'Wh') AS m`,
        [first, Math.min(n, first + slice), CHARGER, START / 1000, INTERVAL_S],
      );
    }
    await db.query('ANALYZE');
  } finally {
    await db.destroy();
  }
}

async function run(ctx: RunContext, db: 'sqlite' | 'postgres'): Promise<Measurement[]> {
  const d = await deploy(ctx, { target: 'voltline', db });
  const api = `${d.userSide.httpUrl}/api/v1`;
  const headers = { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' };
  const reg = await fetch(`${api}/charge-points`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ id: CHARGER, password: 'history-bench-password' }),
    signal: ctx.signal,
  });
  if (reg.status !== 201) throw new Error(`history: registering ${CHARGER}: ${reg.status}`);
  const n = readings(ctx);
  if (db === 'postgres') await fillPostgres(d.env.DATABASE_URL, n);
  else await fillSqlite(d.env.SQLITE_PATH, n);
  ctx.mark(`${fmt(n * 4)} samples written`);
  // the SQLite writes above block this process's event loop: let the HTTP client see the
  // keep-alive sockets the server closed meanwhile, before it reuses one
  await ctx.sleep(500);

  const to = new Date(START + n * INTERVAL_S * 1000).toISOString();
  const url =
    `${api}/charge-points/${CHARGER}/meter-values?connectorId=1&bucket=15m` +
    `&from=${new Date(START).toISOString()}&to=${to}`;
  const times: number[] = [];
  for (let i = 0; i <= QUERIES; i++) {
    ctx.check();
    const t0 = performance.now();
    const res = await fetch(url, { headers, signal: ctx.signal }).catch((err: Error) => {
      const cause = (err.cause as Error | undefined)?.message;
      const server = d.userSide.output.slice(-5).join('\n');
      throw new Error(
        `history: GET meter-values: ${err.message}${cause ? ` (${cause})` : ''}; server:\n${server}`,
      );
    });
    const body = (await res.json()) as { items?: unknown[] };
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.items?.length)
      throw new Error(`history: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    if (i > 0) times.push(ms); // the first warms the caches
  }
  ctx.mark('queries done');
  return [{ figure: 'history.month_15m_ms', point: `${fmt(n)} readings`, value: median(times) }];
}

export const history: Scenario = {
  name: 'history',
  describe: (scale) =>
    `GET .../meter-values, one connector, 15-minute buckets over ${fmt(Math.max(100, Math.round((MONTH_S / INTERVAL_S) * scale)))} readings at ${INTERVAL_S} s (a month at --scale 1), 2 connectors x power and energy stored; median of ${QUERIES}`,
  figures: { 'history.month_15m_ms': { unit: 'ms', better: 'lower' } },
  cases: [
    {
      target: 'voltline',
      setup: 'PostgreSQL',
      needs: ['postgres'],
      run: (ctx) => run(ctx, 'postgres'),
    },
    { target: 'voltline', setup: 'SQLite', run: (ctx) => run(ctx, 'sqlite') },
  ],
};
