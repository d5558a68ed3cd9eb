import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isPostgresReachable, servicesRequired } from './databases.js';

export { closeCodeOf } from './close-code.js';

// Real server processes (`node dist/src/main.js`) and a real redis-server, for the suites that
// need more than one instance. Every process started here is tracked, so that a suite can kill
// whatever is left in afterEach/afterAll; every wait has a timeout.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const running = new Set<ChildProcess>();

/**
 * Whether the multi-instance suites can run (PostgreSQL answers, redis-server is installed).
 * Like testDialects(): with REQUIRE_SERVICES=1 a missing service is a failure, not a skip.
 */
export async function multiInstanceServices(): Promise<boolean> {
  const missing: string[] = [];
  if (!(await isPostgresReachable())) missing.push('PostgreSQL (TEST_POSTGRES_URL)');
  if (spawnSync('redis-server', ['--version'], { timeout: 5000 }).status !== 0)
    missing.push('redis-server');
  if (missing.length === 0) return true;
  if (servicesRequired())
    throw new Error(`REQUIRE_SERVICES=1 but ${missing.join(' and ')} unavailable`);
  console.warn(`${missing.join(' and ')} unavailable: the multi-instance suite was skipped`);
  return false;
}

/** Compiles the server to dist/ (what `npm start` runs), once per suite. */
export function buildServer(timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'npx',
      ['tsc', '-p', 'tsconfig.build.json'],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`build failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process's exit, awaited with a timeout (at once if it has exited already). */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    const timer = setTimeout(
      () => reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** SIGKILLs every tracked process still running that matches, and awaits each exit. */
async function killTracked(match: (child: ChildProcess) => boolean): Promise<void> {
  const victims = [...running].filter(match);
  for (const child of victims) child.kill('SIGKILL');
  await Promise.all(victims.map((child) => exitOf(child, 5000)));
}

/** One server process, listening on 127.0.0.1 and the port it chose. */
export interface AppInstance {
  readonly name: string;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** The last lines it wrote (JSON logs), for failure messages. */
  readonly output: string[];
  signal(signal: NodeJS.Signals): void;
  exited(timeoutMs?: number): Promise<Exit>;
}

const apps = new WeakSet<ChildProcess>();

/**
 * Starts `node dist/src/main.js` with PORT=0 and HOST=127.0.0.1 plus `env` (and nothing else of
 * this process's environment but PATH), and resolves once its JSON log says where it listens.
 */
export function startInstance(
  name: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<AppInstance> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  apps.add(child);
  const output: string[] = [];
  const tail = () => output.slice(-20).join('\n');
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`instance ${name} ${why}; its last output:\n${tail()}`));
    };
    const timer = setTimeout(() => fail(`not listening within ${timeoutMs} ms`), timeoutMs);
    const early = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${code ?? signal}) before listening`);
    child.once('exit', early);
    const onLine = (line: string) => {
      output.push(line);
      if (output.length > 500) output.shift();
      const port = listeningPort(line);
      if (port === undefined) return;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        name,
        httpUrl: `http://127.0.0.1:${port}`,
        wsUrl: `ws://127.0.0.1:${port}`,
        output,
        signal: (signal) => child.kill(signal),
        exited: (ms = 10_000) => exitOf(child, ms),
      });
    };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (process.env.TEST_LOGS) console.log(`[${name}] ${line}`);
        onLine(line);
      });
    }
  });
}

/** The port of a "Voltline listening on http://host:port ..." JSON log line. */
function listeningPort(line: string): number | undefined {
  let msg: unknown;
  try {
    msg = (JSON.parse(line) as { msg?: unknown }).msg;
  } catch {
    return undefined;
  }
  const m = typeof msg === 'string' ? /Voltline listening on https?:\/\/\S+:(\d+)/.exec(msg) : null;
  return m ? Number(m[1]) : undefined;
}

/** SIGKILLs every server process still running (never redis-server). */
export const killInstances = () => killTracked((child) => apps.has(child));

/** A redis-server of our own on a spare port, with no persistence: kill it and it forgets. */
export interface RedisServer {
  readonly url: string;
  readonly running: boolean;
  /** SIGKILL, awaited. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty; resolves once it answers PING. */
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await sparePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    async kill() {
      if (child) await killTracked((c) => c === child);
    },
    async start() {
      if (server.running) return;
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      track(child);
      await waitFor(() => redisAnswers(port), `redis-server on port ${port} to answer`, 10_000);
    },
  };
  await server.start();
  return server;
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

/** Polls an (async) condition until it holds; rejects naming `what` after the timeout. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
