import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './helpers/instances.js';
import { api, bearer } from './helpers/rest.js';

// A newcomer's first starts, as `npm start` runs them (`node dist/src/main.js`), with the
// environment of a person who made the usual mistakes: the banner, the warnings, the generated
// admin password, a key that survives a restart, a port in use, the recovery command.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line that matches, within a timeout. */
  line(match: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited(timeoutMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

function run(script: string, env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (into: string[]) => (chunk: Buffer) => {
    into.push(...chunk.toString().split('\n'));
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', collect(stdout));
  child.stderr?.on('data', collect(stderr));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    line: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          for (const l of stdout) {
            const m = match.exec(l);
            if (m) {
              clearTimeout(timer);
              waiters.delete(look);
              return resolve(m);
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no line ${match} in:\n${[...stdout, ...stderr].join('\n')}`));
        }, timeoutMs);
        waiters.add(look);
        look();
      }),
    exited: (timeoutMs = 15_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`did not exit within ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]),
  };
}

const server = (env: Record<string, string>) => run('dist/src/main.js', env);

async function stop(r: Run): Promise<void> {
  r.child.kill('SIGTERM');
  expect(await r.exited()).toBe(0);
}

describe('the first starts of a newcomer', () => {
  let dir: string;
  let sqlite: string;
  let token: string;
  let password: string;

  beforeAll(async () => {
    await buildServer();
    dir = mkdtempSync(join(tmpdir(), 'voltline-first-'));
    sqlite = join(dir, 'data', 'csms.sqlite');
  }, 180_000);
  afterAll(() => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a readable banner with the URLs, warns about misspelt variables, prints the admin password', async () => {
    const r = server({
      LOG_FORMAT: 'pretty',
      SQLITE_PATH: sqlite,
      PROT: '3001',
      OCPP_ALLOW_UNKOWN_CHARGERS: 'true',
    });
    const [, port] = await r.line(/^Voltline listening on http:\/\/127\.0\.0\.1:(\d+)$/);
    await r.line(/^ {2}Events/);
    const out = r.stdout.join('\n');
    const base = `127.0.0.1:${port}`;
    expect(out).toContain(`http://${base}/api/v1`);
    expect(out).toContain(`http://${base}/docs`);
    expect(out).toContain(`ws://${base}/ocpp/{chargePointId}`);
    expect(out).toContain(`ws://${base}/ws/users`);
    expect(out).toMatch(/Unknown ids +refused: register chargers first/);
    expect(out).toContain(`SQLite at ${sqlite}`);
    expect(out).toMatch(/Events +in-process/);
    expect(out).toMatch(/WARN .*PROT is not a Voltline setting.*did you mean PORT\?/);
    expect(out).toMatch(/OCPP_ALLOW_UNKOWN_CHARGERS .*did you mean OCPP_ALLOW_UNKNOWN_CHARGERS\?/);
    // readable lines, not JSON and not Node's inspection of objects
    expect(out).not.toMatch(/^\{"level"/m);
    expect(out).not.toMatch(/Object\(\d+\)/);
    expect(out.match(/Voltline listening on/g)).toHaveLength(1);

    password = /generated password:\s+(\S+)/.exec(out)?.[1] ?? '';
    expect(password).not.toBe('');
    const login = await api({ httpUrl: `http://${base}` })
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password });
    expect(login.status).toBe(200);
    token = login.body.accessToken;
    await stop(r);
  });

  it('keeps the generated signing key beside the SQLite file, so tokens outlive a restart', async () => {
    expect(statSync(join(dir, 'data', 'jwt-secret')).mode & 0o077).toBe(0);
    const r = server({
      LOG_FORMAT: 'json',
      SQLITE_PATH: sqlite,
      ADMIN_PASSWORD: 'another-password',
    });
    const [, port] = await r.line(/"msg":"Voltline listening on http:\/\/127\.0\.0\.1:(\d+)"/);
    const target = { httpUrl: `http://127.0.0.1:${port}` };
    expect((await api(target).get('/api/v1/users/me').set(bearer(token))).status).toBe(200);

    // the banner as one JSON line with the URLs as fields
    const bannerLine = r.stdout.find((l) => l.includes('Voltline listening on')) ?? '{}';
    expect(bannerLine.match(/"msg"/g)).toHaveLength(1);
    const banner = JSON.parse(bannerLine);
    expect(banner).toMatchObject({
      context: 'Main',
      docs: `http://127.0.0.1:${port}/docs`,
      realtime: `ws://127.0.0.1:${port}/ws/users`,
      database: `SQLite at ${sqlite}`,
      events: 'in-process',
      unknownChargers: false,
    });
    // ADMIN_PASSWORD on a later start is not applied, and the log says so and how to reset
    expect(r.stdout.join('\n')).toMatch(
      /ADMIN_PASSWORD differs from the password of the existing admin .*npm run reset-admin-password/,
    );
    const withNew = await api(target)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'another-password' });
    expect(withNew.status).toBe(401);
    await stop(r);
  });

  it('resets the admin password with the recovery command', async () => {
    const reset = run('dist/src/tools/admin/reset-password.js', {
      SQLITE_PATH: sqlite,
      ADMIN_PASSWORD: 'another-password',
    });
    expect(await reset.exited(30_000)).toBe(0);
    const r = server({
      LOG_FORMAT: 'json',
      SQLITE_PATH: sqlite,
      ADMIN_PASSWORD: 'another-password',
    });
    const [, port] = await r.line(/"msg":"Voltline listening on http:\/\/127\.0\.0\.1:(\d+)"/);
    const login = await api({ httpUrl: `http://127.0.0.1:${port}` })
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'another-password' });
    expect(login.status).toBe(200);
    expect(r.stdout.join('\n')).not.toMatch(/ADMIN_PASSWORD differs/);
    await stop(r);
  });

  it('says in one line what to do when the port is in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const r = server({ LOG_FORMAT: 'json', SQLITE_PATH: sqlite, PORT: String(port) });
      expect(await r.exited(30_000)).toBe(1);
      const errors = r.stderr.filter((l) => l.trim());
      expect(errors).toEqual([
        expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${port}: the port is in use.*PORT=`)),
      ]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
