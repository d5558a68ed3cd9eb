import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

// The servers under test, each in its own child process on 127.0.0.1 and a port it picks itself
// (PORT=0; the port is read from its "... listening on http://host:port" log line). Every child
// is tracked so that the runner can kill whatever is left, on errors and on SIGINT too.

const running = new Set<ChildProcess>();

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** the last lines it wrote, for error messages */
  readonly output: string[];
  /** SIGKILL, awaited (at most 5 s); `graceful`: SIGTERM first, SIGKILL after 25 s */
  kill(graceful?: boolean): Promise<void>;
}

/**
 * `node <args>` in a child, tracked; with `fdLimit`, through `sh` that raises `ulimit -n` first
 * (to the hard limit when that is lower) and then execs node, so the pid is node's.
 */
export function spawnNode(
  args: string[],
  options: { env: Record<string, string>; fdLimit?: number; ipc?: boolean },
): ChildProcess {
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe', ...(options.ipc ? ['ipc' as const] : [])];
  const child = options.fdLimit
    ? spawn(
        'sh',
        [
          '-c',
          `ulimit -n ${Math.floor(options.fdLimit)} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
          process.execPath,
          ...args,
        ],
        { env: options.env, stdio, serialization: 'advanced' },
      )
    : spawn(process.execPath, args, { env: options.env, stdio, serialization: 'advanced' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeArgs?: string[]; fdLimit?: number } = {},
): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawnNode([...(options.nodeArgs ?? []), script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', HOST: '127.0.0.1' },
    fdLimit: options.fdLimit,
  });
  const output: string[] = [];
  const tail = () => output.slice(-15).join('\n');
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} ${why}; its last output:\n${tail()}`));
    };
    const timer = setTimeout(() => fail(`not listening within ${timeoutMs} ms`), timeoutMs);
    const early = (code: number | null, signal: string | null) =>
      fail(`exited (${code ?? signal}) before listening`);
    child.once('exit', early);
    // the pipes are always read (a full pipe would block the server); only a tail is kept
    const onLine = (line: string) => {
      output.push(line);
      if (output.length > 100) output.shift();
      const m = /listening on https?:\/\/[^\s"]+:(\d+)/.exec(line);
      if (!m || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        name,
        pid: child.pid,
        httpUrl: `http://127.0.0.1:${m[1]}`,
        wsUrl: `ws://127.0.0.1:${m[1]}`,
        output,
        kill: (graceful = false) => kill(child, graceful),
      });
    };
    for (const stream of [child.stdout, child.stderr])
      if (stream) createInterface({ input: stream }).on('line', onLine);
  });
}

export function kill(child: ChildProcess, graceful = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = () => {
      child.kill('SIGKILL');
      timer = setTimeout(resolve, 5000);
    };
    let timer = graceful ? setTimeout(hard, 25_000) : undefined;
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (graceful) child.kill('SIGTERM');
    else hard();
  });
}

/** Kills every server still running, awaited. */
export const killAll = () => Promise.all([...running].map((c) => kill(c)));

/** Synchronous last resort (process 'exit'): signals every server still running. */
export function killAllNow(): void {
  for (const child of running) child.kill('SIGKILL');
}
