import { cpus, totalmem } from 'node:os';
import { shell } from './proc.js';

// What the numbers were taken on.

let limit: number | undefined;

/** `ulimit -n` of this process (a child shell inherits it). */
export function fdLimit(): number {
  limit ??= Number(shell('ulimit -n')) || 1024;
  return limit;
}

export function machine() {
  return {
    nproc: Number(shell('nproc')) || cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${shell('uname -r')}`,
    fdLimit: fdLimit(),
    loadAverage1m: Number(shell("cut -d' ' -f1 /proc/loadavg")),
  };
}
