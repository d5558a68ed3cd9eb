import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine } from './machine.js';
import type { BenchOptions } from './options.js';
import { report } from './soak-format.js';
import { RunContext } from './run-context.js';
import { postgresReachable } from './services.js';
import { describeSoak, runSoak } from './soak.js';

// `npm run bench -- --soak [--soak-minutes n]`: the soak instead of the scenarios (it is not part
// of a normal run). Prints each sample as it comes and the trends at the end; writes
// `soak-<ISO date>.json` beside the bench's other results.

/** the soak's own cap: its minutes, plus set-up and teardown */
const SETUP_MARGIN_MS = 5 * 60_000;

export async function soakMode(
  options: BenchOptions,
  onContext: (ctx: RunContext | undefined) => void,
): Promise<void> {
  const startedAt = new Date();
  const minutes = options.soakMinutes;
  const notes = new Set<string>();
  const database = (await postgresReachable()) ? 'postgres' : 'sqlite';
  if (database === 'sqlite') notes.add('PostgreSQL unreachable: the soak ran on SQLite');
  const host = machine();
  console.log(
    `Voltline soak, ${startedAt.toISOString()}, --scale ${options.scale}, load ${host.loadAverage1m}\n${describeSoak(options.scale, minutes)}; ${database}`,
  );
  const ctx = new RunContext(options.scale, notes);
  onContext(ctx);
  const cap = setTimeout(() => ctx.abort('soak cap reached'), minutes * 60_000 + SETUP_MARGIN_MS);
  try {
    const result = await runSoak(ctx, minutes, database);
    console.log(`\n${report(result)}`);
    const finishedAt = new Date();
    const dir = resolve(options.outDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `soak-${startedAt.toISOString().replace(/:/g, '-')}.json`);
    const out = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      options,
      machine: host,
      description: describeSoak(options.scale, minutes),
      soak: result,
      notes: [...notes],
    };
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    if (notes.size > 0) console.log(`\nNotes:\n${[...notes].map((n) => `- ${n}`).join('\n')}`);
    console.log(`\nresults written to ${file}`);
  } finally {
    clearTimeout(cap);
    ctx.abort('soak over');
    await ctx.cleanup();
    onContext(undefined);
  }
}
