import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// What the kernel says about the server process: resident memory and CPU time.

/** VmRSS of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

let ticksPerSecond: number | undefined;

/** User + system CPU time a process has used, in seconds. */
export function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(shell('getconf CLK_TCK')) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces: count fields from the closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14
  const stime = Number(fields[12]); // field 15
  return (utime + stime) / ticksPerSecond;
}

/** Measures a process's CPU use over an interval, as a percentage of one core. */
export function cpuMeter(pid: number): () => number {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  return () => ((cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
}

export function shell(command: string): string {
  return execFileSync('sh', ['-c', command], { encoding: 'utf8', timeout: 5000 }).trim();
}
