import type { SimulationStats, SimulationSummary } from './stats.js';

// What the operator reads: a progress line (stderr; see progress-output.ts) and the summary at the end.

export interface ProgressSample {
  readonly elapsedS: number;
  readonly durationS: number;
  readonly planned: number;
  /** Calls sent per second since the last line. */
  readonly messagesPerS: number;
}

export function formatProgress(stats: SimulationStats, p: ProgressSample): string {
  const width = String(Math.round(p.durationS)).length;
  const clock = `${String(Math.round(p.elapsedS)).padStart(width)}s/${Math.round(p.durationS)}s`;
  return (
    `[${clock}] chargers ${stats.connected}/${p.planned} connected, ${stats.booted} booted` +
    ` | sessions ${stats.sessionsActive} active, ${stats.sessionsCompleted} completed` +
    ` | ${p.messagesPerS.toFixed(1)} msg/s | errors ${stats.errorsTotal}`
  );
}

/** What to do about the errors whose cause is known. */
const HINTS: Array<[RegExp, string]> = [
  [
    /^handshake refused \(404\)/,
    'the server does not know these ids: use --register, or start it with OCPP_ALLOW_UNKNOWN_CHARGERS=true',
  ],
  [/^handshake refused \(401\)/, 'wrong or missing --password for chargers registered with one'],
  [/^connect failed \(ECONNREFUSED\)/, 'nothing listens at --url: is the server running?'],
  [
    /^closed by server \(4000\)/,
    'another connection took over the id: two simulators with one --prefix?',
  ],
];

const table = (record: Record<string, number>, indent = '    ') => {
  const width = Math.max(0, ...Object.keys(record).map((k) => k.length));
  return Object.entries(record).map(([k, n]) => {
    const hint = HINTS.find(([re]) => re.test(k))?.[1];
    return `${indent}${k.padEnd(width)}  ${String(n).padStart(7)}${hint ? `  (${hint})` : ''}`;
  });
};

const ms = (v: number | null) => (v === null ? 'n/a' : `${v} ms`);

export function formatSummary(s: SimulationSummary): string {
  const lines = [
    `Simulation over after ${s.durationS} s (seed ${s.seed})`,
    `  chargers  ${s.chargers.booted} of ${s.chargers.planned} booted, ` +
      `${s.chargers.connectedAtStop} connected when the run ended`,
    `  sessions  ${s.sessions.started} started: ${s.sessions.completed} completed, ` +
      `${s.sessions.endedByFault} ended by a fault, ${s.sessions.stoppedOnRequest} stopped by the ` +
      `server, ${s.sessions.stoppedAtShutdown} stopped at the end` +
      (s.sessions.authorizeRejected ? `; ${s.sessions.authorizeRejected} tags refused` : ''),
    `  faults    ${s.faults}; connections dropped ${s.reconnects.dropped}, ` +
      `re-established ${s.reconnects.reconnected}`,
    `  commands  ${s.commands.received} received from the server, ${s.commands.refused} refused; ` +
      `${s.resets} resets`,
    ...table(s.commands.byAction),
    `  messages  ${s.messages.sent} sent, ${s.messages.answered} answered; CALLRESULT latency ` +
      `p50 ${ms(s.latencyMs.p50)}, p99 ${ms(s.latencyMs.p99)}, max ${ms(s.latencyMs.max)}`,
    ...table(s.messages.byAction),
    `  errors    ${s.errors.total}`,
    ...table(s.errors.byKind),
  ];
  return lines.join('\n');
}
