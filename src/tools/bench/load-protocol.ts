// What the bench process and its load workers (load-worker.ts, in child processes) say to each
// other over the IPC channel.

export interface ConnectOrder {
  type: 'connect';
  wsUrl: string;
  prefix: string;
  /** global indexes from..to-1 (the charger ids) */
  from: number;
  to: number;
  concurrency: number;
  /** after boot, start a transaction (for MeterValues) */
  charging: boolean;
  /** source address per global index: 127.0.0.(1 + floor(i / perSourceAddress)) */
  perSourceAddress: number;
}

export interface LoadOrder {
  type: 'load';
  action: 'MeterValues' | 'Heartbeat';
  ratePerS: number;
  warmupMs: number;
  windowMs: number;
  drainMs: number;
}

export type Order = ConnectOrder | LoadOrder | { type: 'stop' };

export interface Connected {
  type: 'connected';
  retries: number;
  open: number;
}

export interface Loaded {
  type: 'loaded';
  /** latencies of the CALLs due in the measured window (unanswered ones: the time waited) */
  latencies: Float64Array;
  unanswered: number;
  /** CALLRESULTs that came in the window, and in the whole step */
  answeredInWindow: number;
  answered: number;
  errors: number;
  /** the step, warm-up and drain included, in epoch ms (comparable across processes) */
  startedAtEpochMs: number;
  endedAtEpochMs: number;
}

export type Reply = Connected | Loaded | { type: 'failed'; message: string };

export const sourceAddress = (i: number, perSourceAddress: number) =>
  `127.0.0.${1 + Math.floor(i / perSourceAddress)}`;
