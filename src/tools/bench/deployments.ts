import { fileURLToPath } from 'node:url';
import { startServer, type ServerProcess } from './processes.js';
import type { RunContext } from './run-context.js';
import { postgresDatabase, redisPrefix, sqliteDatabase } from './services.js';
import { login } from './user-client.js';

// The servers a run talks to: Voltline (`node dist/src/main.js`) or the baseline, one instance
// or two sharing a Redis (and, for Voltline, a PostgreSQL database). Everything is undone when
// the run ends: processes killed, the database dropped, the Redis keys deleted.

export type Target = 'voltline' | 'baseline';

export interface DeploymentSpec {
  target: Target;
  /** Voltline's database (the baseline has none) */
  db?: 'sqlite' | 'postgres';
  /** two instances share a Redis; chargers go to the first, users to the second */
  instances?: 1 | 2;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** `ulimit -n` the servers need (raised up to the hard limit) */
  fdLimit?: number;
}

export interface Deployment {
  readonly target: Target;
  readonly instances: ServerProcess[];
  /** where chargers connect, and where users do */
  readonly chargerSide: ServerProcess;
  readonly userSide: ServerProcess;
  /** an admin's bearer token (any string for the baseline) */
  readonly token: string;
  /** the database (and Redis) environment the instances run on */
  readonly env: Record<string, string>;
}

const DIST = fileURLToPath(new URL('../../', import.meta.url)); // dist/src/
const ADMIN_PASSWORD = 'bench-admin-password';

const VOLTLINE_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'info',
  JWT_SECRET: 'bench-secret-that-is-at-least-32-bytes-long',
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD,
  OCPP_ALLOW_UNKNOWN_CHARGERS: 'true',
  // no charger of the bench goes silent long enough to matter
  OCPP_HEARTBEAT_INTERVAL_S: '86400',
  REALTIME_MAX_SESSIONS_PER_USER: '10000',
};

export async function deploy(ctx: RunContext, spec: DeploymentSpec): Promise<Deployment> {
  const count = spec.instances ?? 1;
  const env: Record<string, string> = { ...spec.env };
  const throwaways =
    spec.target === 'voltline'
      ? [spec.db === 'postgres' ? await postgresDatabase() : sqliteDatabase()]
      : [];
  if (count === 2) throwaways.push(redisPrefix());
  for (const t of throwaways) {
    ctx.defer(() => t.drop());
    Object.assign(env, t.env);
  }
  const script =
    spec.target === 'voltline' ? `${DIST}main.js` : `${DIST}tools/bench/baseline-server.js`;
  // BENCH_CPU_PROF_DIR: Voltline runs under `node --cpu-prof` (slower: for finding hot frames,
  // not for figures)
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profiling = spec.target === 'voltline' && !!profileDir;
  const nodeArgs = profiling
    ? [...(spec.nodeArgs ?? []), '--cpu-prof', `--cpu-prof-dir=${profileDir}`]
    : spec.nodeArgs;
  if (profiling) ctx.notes.add(`Voltline ran under --cpu-prof (${profileDir}): figures are skewed`);
  const instances: ServerProcess[] = [];
  // one after the other: the first runs the migrations the second then finds done
  for (let i = 0; i < count; i++) {
    ctx.check();
    const name = `${spec.target}-${String.fromCharCode(65 + i)}`;
    const server = await startServer(
      name,
      script,
      spec.target === 'voltline' ? { ...VOLTLINE_ENV, ...env } : env,
      { nodeArgs, fdLimit: spec.fdLimit },
    );
    ctx.defer(() => server.kill(profiling)); // a profile is written on a clean exit only
    instances.push(server);
  }
  const userSide = instances[instances.length - 1];
  const token =
    spec.target === 'voltline'
      ? await login(userSide.httpUrl, 'admin', ADMIN_PASSWORD)
      : 'baseline';
  return { target: spec.target, instances, chargerSide: instances[0], userSide, token, env };
}
