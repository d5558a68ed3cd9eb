import { cpus, totalmem } from 'node:os';
import { shell } from './proc.js';

// What the numbers were taken on.

let limit: number | undefined;

/** `ulimit -n` of this process (a child shell inherits it). */
export function fdLimit(): number {
  limit ??= Number(shell('ulimit -n')) || 1024;
  return limit;
}

/** `ulimit -Hn`: how far a child's `ulimit -n` may be raised (Infinity when unlimited). */
export function hardFdLimit(): number {
  const hard = shell('ulimit -Hn');
  return hard === 'unlimited' ? Infinity : Number(hard) || fdLimit();
}

export function machine() {
  return {
    nproc: Number(shell('nproc')) || cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${shell('uname -r')}`,
    fdLimit: fdLimit(),
    fdHardLimit: hardFdLimit(),
    loadAverage1m: Number(shell("cut -d' ' -f1 /proc/loadavg")),
  };
}
