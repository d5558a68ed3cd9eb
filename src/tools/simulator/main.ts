import { OptionsError, parseCommandLine } from './options.js';
import { fleetPlan, ocppEndpoint, runSimulation } from './fleet.js';
import { RegistrationError } from './registration.js';
import { progressOutput } from './progress-output.js';
import { formatSummary } from './report.js';
import { USAGE } from './usage.js';

// `npm run simulate -- [options]`: progress on stderr, the summary on stdout. Exit 0 when the run
// is over (errors are in the summary), 1 on bad arguments or a failed registration. Ctrl-C ends
// the run early (sessions are stopped, the summary printed); a second Ctrl-C quits at once.

async function main(): Promise<number> {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof OptionsError)) throw err;
    console.error(`simulate: ${err.message}\nRun with --help for the options.`);
    return 1;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { options, json, quiet } = command;
  const plan = fleetPlan(options);
  const ids = plan.length > 1 ? `${plan[0].id}..${plan.at(-1)?.id}` : plan[0].id;
  console.error(
    `Simulating ${plan.length} chargers (${ids}, ${options.connectors} connectors each) ` +
      `against ${ocppEndpoint(options.url)} for ${options.durationS} s (seed ${options.seed})`,
  );

  // on a terminal one status line rewritten in place; in a pipe a line every 10 s
  const progress = progressOutput(process.stderr);
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    progress.note('Stopping: sessions are being ended (Ctrl-C again to quit at once)');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await runSimulation(options, {
      signal: interrupt.signal,
      onProgress: quiet ? undefined : (line) => progress.update(line),
      onNote: (line) => progress.note(line),
    });
    progress.done();
    console.log(json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return 0;
  } catch (err) {
    progress.done();
    if (!(err instanceof RegistrationError)) throw err;
    console.error(`simulate: ${err.message}`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

// `npm run simulate -- --help | head`: a reader that went away is no error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main().then(
  (code) => {
    process.exitCode = code;
    // everything is closed by now, so the process ends by itself; should a handle linger, this
    // (unref'd) timer makes sure the run still ends
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
