import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine } from './machine.js';
import { parseOptions, UsageError, type BenchOptions } from './options.js';
import { killAll, killAllNow } from './processes.js';
import { type CaseRuns, toRows } from './results.js';
import { RunContext } from './run-context.js';
import { type Scenario, type Measurement } from './scenario.js';
import { commands } from './scenarios/commands.js';
import { e2e } from './scenarios/e2e.js';
import { fanout } from './scenarios/fanout.js';
import { history } from './scenarios/history.js';
import { idle } from './scenarios/idle.js';
import { idle50k } from './scenarios/idle50k.js';
import { ingest } from './scenarios/ingest.js';
import { knee } from './scenarios/knee.js';
import { storm } from './scenarios/storm.js';
import { postgresReachable, redisReachable } from './services.js';
import { soakMode } from './soak-mode.js';
import { table, targetLines } from './report.js';
import { checkTargets } from './targets.js';

// `npm run bench`: every scenario against Voltline and against the baseline server, each figure
// the median of --runs runs; a table on stdout, the whole of it as JSON in bench/results/.

const SCENARIOS: Scenario[] = [idle, idle50k, ingest, knee, e2e, fanout, storm, commands, history];
/** no run may take longer than this (servers started, load, teardown included) */
const RUN_CAP_MS = 60_000;
/**
 * past this, the runs left are skipped (the whole bench at --scale 1 stays within 40 minutes;
 * knee and idle50k took it past the 15 of round one)
 */
const BUDGET_MS = 38 * 60_000;
const benchStart = performance.now();

let current: RunContext | undefined;
let interrupted = false;

async function runCase(
  options: BenchOptions,
  notes: Set<string>,
  errors: string[],
  label: string,
  work: (ctx: RunContext) => Promise<Measurement[]>,
  capMs = RUN_CAP_MS,
): Promise<Measurement[][]> {
  const runs: Measurement[][] = [];
  for (let i = 1; i <= options.runs && !interrupted; i++) {
    if (performance.now() - benchStart > BUDGET_MS) {
      notes.add(`the time budget of ${BUDGET_MS / 60_000} min ran out: runs were skipped`);
      errors.push(`${label} run ${i}: skipped (time budget)`);
      continue;
    }
    const ctx = (current = new RunContext(options.scale, notes));
    const t0 = performance.now();
    const cap = setTimeout(() => ctx.abort(`run cap of ${capMs / 1000} s reached`), capMs);
    const aborted = new Promise<never>((_, reject) =>
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }),
    );
    const work$ = work(ctx);
    work$.catch(() => undefined); // when the cap wins the race, the run's own failure is moot
    aborted.catch(() => undefined);
    try {
      runs.push(await Promise.race([work$, aborted]));
      process.stdout.write(
        `  ${label} run ${i}/${options.runs}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    } catch (err) {
      const msg = `${label} run ${i}: ${(err as Error).message.split('\n')[0]}`;
      errors.push(msg);
      process.stdout.write(`  FAILED ${msg}\n`);
    } finally {
      clearTimeout(cap);
      ctx.abort('run over');
      await ctx.cleanup();
      current = undefined;
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.soak) return soakMode(options, (ctx) => (current = ctx));
  const startedAt = new Date();
  const host = machine();
  const notes = new Set<string>();
  const errors: string[] = [];
  const services = { postgres: await postgresReachable(), redis: await redisReachable() };
  const scenarios = SCENARIOS.filter((s) => !options.only || s.name === options.only);

  const header = [
    `Voltline benchmark, ${startedAt.toISOString()}, --scale ${options.scale}, ${options.runs} run(s) per figure (median)`,
    `machine: ${host.nproc} cores (${host.cpuModel}), ${(host.memoryBytes / 2 ** 30).toFixed(1)} GiB, node ${host.node}, ulimit -n ${host.fdLimit}, load ${host.loadAverage1m}`,
    `the load generator runs in this process and shares the ${host.nproc}-core machine with the server(s) under test; everything on 127.0.0.1`,
  ];
  console.log(header.join('\n'));
  if (host.loadAverage1m >= 1.5)
    notes.add(`the machine was not quiet at the start (load average ${host.loadAverage1m})`);
  for (const [name, up] of Object.entries(services))
    if (!up) notes.add(`${name} unreachable: the cases that need it were skipped`);

  const all: CaseRuns[] = [];
  const timings: Record<string, number> = {};
  for (const scenario of scenarios) {
    if (interrupted) break;
    const t0 = performance.now();
    console.log(`\n${scenario.name}: ${scenario.describe(options.scale)}`);
    for (const c of scenario.cases) {
      if (interrupted) break;
      const label = `${scenario.name} ${c.target} (${c.setup})`;
      if (c.needs?.some((s) => !services[s])) {
        console.log(`  ${label}: skipped (${c.needs.join(', ')} needed)`);
        continue;
      }
      all.push({
        scenario,
        case: c,
        runs: await runCase(options, notes, errors, label, (ctx) => c.run(ctx), scenario.runCapMs),
      });
    }
    timings[scenario.name] = (performance.now() - t0) / 1000;
    console.log(`  ${scenario.name}: ${timings[scenario.name].toFixed(0)} s`);
  }

  const rows = toRows(all);
  const targets = checkTargets(rows);
  const finishedAt = new Date();
  console.log(`\n${table(rows)}\n`);
  console.log(
    `x baseline = Voltline / baseline (for msg/s higher is better, for the rest lower is).`,
  );
  console.log(
    `\nTargets of the issue${options.scale < 1 ? ` (checked at --scale ${options.scale}: the counts were smaller)` : ''}:\n${targetLines(targets)}`,
  );
  if (notes.size > 0) console.log(`\nNotes:\n${[...notes].map((n) => `- ${n}`).join('\n')}`);
  if (errors.length > 0) console.log(`\nFailed runs:\n${errors.map((e) => `- ${e}`).join('\n')}`);

  const dir = resolve(options.outDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    options,
    machine: host,
    loadGenerator: `in the bench process, sharing the ${host.nproc}-core machine with the servers under test`,
    scenarios: Object.fromEntries(
      scenarios.map((s) => [
        s.name,
        { description: s.describe(options.scale), seconds: Math.round(timings[s.name] ?? 0) },
      ]),
    ),
    rows,
    targets,
    notes: [...notes],
    errors,
    interrupted,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${report.durationS} s in all; results written to ${file}`);
}

process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${signal}: stopping, cleaning up`);
    current?.abort(signal);
    // the run's own cleanup drops its databases; past 25 s, kill what is left and go
    setTimeout(() => {
      void killAll().finally(() => process.exit(130));
    }, 25_000).unref();
  });
}

main()
  .then(() => process.exit(interrupted ? 130 : 0))
  .catch(async (err: unknown) => {
    if (err instanceof UsageError) {
      (err.exitCode === 0 ? console.log : console.error)(err.message);
      process.exit(err.exitCode);
    }
    console.error(err);
    await current?.cleanup();
    await killAll();
    process.exit(1);
  });
