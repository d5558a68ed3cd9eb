import type { Rng } from './random.js';

// What a run counts: chargers, sessions, calls by action, errors by kind and CALLRESULT latency.

/** Nearest-rank percentile of ascending values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A uniform sample of at most `capacity` values (reservoir sampling): bounded memory. */
export class Reservoir {
  private readonly values: number[] = [];
  private seen = 0;
  private maxSeen = -Infinity;

  constructor(
    private readonly rng: Rng,
    private readonly capacity = 100_000,
  ) {}

  add(value: number): void {
    this.seen++;
    this.maxSeen = Math.max(this.maxSeen, value);
    if (this.values.length < this.capacity) this.values.push(value);
    else {
      const slot = Math.floor(this.rng() * this.seen);
      if (slot < this.capacity) this.values[slot] = value;
    }
  }

  summary() {
    const sorted = [...this.values].sort((a, b) => a - b);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      count: this.seen,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: this.seen ? round(this.maxSeen) : null,
    };
  }
}

export interface SimulationSummary {
  seed: number;
  durationS: number;
  chargers: { planned: number; booted: number; connectedAtStop: number };
  sessions: {
    started: number;
    completed: number;
    endedByFault: number;
    stoppedAtShutdown: number;
    /** Ended by the server: RemoteStopTransaction, UnlockConnector or a reset. */
    stoppedOnRequest: number;
    authorizeRejected: number;
  };
  /** The server's CALLs (remote commands) by action, and how many the charger refused. */
  commands: { received: number; refused: number; byAction: Record<string, number> };
  resets: number;
  faults: number;
  reconnects: { dropped: number; reconnected: number };
  messages: { sent: number; answered: number; byAction: Record<string, number> };
  errors: { total: number; byKind: Record<string, number> };
  latencyMs: { count: number; p50: number | null; p99: number | null; max: number | null };
}

const increment = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

const sortedRecord = (map: Map<string, number>) =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));

export class SimulationStats {
  connected = 0;
  connectedAtStop = 0;
  booted = 0;
  sessionsActive = 0;
  sessionsStarted = 0;
  sessionsCompleted = 0;
  sessionsEndedByFault = 0;
  sessionsStoppedAtShutdown = 0;
  sessionsStoppedOnRequest = 0;
  commandsReceived = 0;
  commandsRefused = 0;
  resets = 0;
  authorizeRejected = 0;
  faults = 0;
  dropped = 0;
  reconnected = 0;
  sent = 0;
  answered = 0;
  errorsTotal = 0;
  private readonly byAction = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly commandsByAction = new Map<string, number>();
  private readonly latency: Reservoir;

  constructor(rng: Rng) {
    this.latency = new Reservoir(rng);
  }

  callSent(action: string): void {
    this.sent++;
    increment(this.byAction, action);
  }

  /** A CALLRESULT came back after `latencyMs`. */
  callAnswered(latencyMs: number): void {
    this.answered++;
    this.latency.add(latencyMs);
  }

  /** The server sent a CALL; `refused`: the charger said no (Rejected, NotSupported...). */
  commandReceived(action: string, refused: boolean): void {
    this.commandsReceived++;
    if (refused) this.commandsRefused++;
    increment(this.commandsByAction, action);
  }

  error(kind: string): void {
    this.errorsTotal++;
    increment(this.errors, kind);
  }

  summary(seed: number, planned: number, durationS: number): SimulationSummary {
    return {
      seed,
      durationS: Math.round(durationS * 10) / 10,
      chargers: { planned, booted: this.booted, connectedAtStop: this.connectedAtStop },
      sessions: {
        started: this.sessionsStarted,
        completed: this.sessionsCompleted,
        endedByFault: this.sessionsEndedByFault,
        stoppedAtShutdown: this.sessionsStoppedAtShutdown,
        stoppedOnRequest: this.sessionsStoppedOnRequest,
        authorizeRejected: this.authorizeRejected,
      },
      commands: {
        received: this.commandsReceived,
        refused: this.commandsRefused,
        byAction: sortedRecord(this.commandsByAction),
      },
      resets: this.resets,
      faults: this.faults,
      reconnects: { dropped: this.dropped, reconnected: this.reconnected },
      messages: { sent: this.sent, answered: this.answered, byAction: sortedRecord(this.byAction) },
      errors: { total: this.errorsTotal, byKind: sortedRecord(this.errors) },
      latencyMs: this.latency.summary(),
    };
  }
}
