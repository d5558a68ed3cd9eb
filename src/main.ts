import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { appConfig } from './config/app.config.js';
import { InvalidConfigError, validateEnv } from './config/index.js';
import { unknownVariableWarnings } from './config/unknown-variables.js';
import { describeStartFailure } from './infrastructure/startup/start-failure.js';
import { startupBanner } from './infrastructure/startup/startup-banner.js';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const { shutdownTimeoutMs, logFormat } = appConfig(env);
  const app = await createApp();
  for (const warning of unknownVariableWarnings(process.env)) Logger.warn(warning, 'Config');
  try {
    await app.listen(env.PORT, env.HOST);
  } catch (err) {
    const line = describeStartFailure(err, env);
    if (!line) throw err;
    console.error(line);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  // once: a JSON line with the URLs as fields, or a readable block on a terminal
  const banner = startupBanner(env, app.getHttpServer().address() as AddressInfo);
  if (logFormat === 'json') Logger.log({ msg: banner.headline, ...banner.fields }, 'Main');
  else process.stdout.write(`\n${banner.lines.join('\n')}\n\n`);

  // SIGTERM/SIGINT: stop taking connections, close chargers (1001) and user sessions (1012),
  // let in-flight calls and writes finish, then exit 0; past SHUTDOWN_TIMEOUT_S, exit 1.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    Logger.log(`${signal}: shutting down`, 'Main');
    setTimeout(() => {
      Logger.error(`shutdown took longer than ${shutdownTimeoutMs} ms: exiting anyway`, 'Main');
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        Logger.error(`shutdown failed: ${(err as Error).message}`, 'Main');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // a bad configuration names the variable, a known cause (the database) says what to do, and
  // stop the start with one line; anything else is printed whole
  if (err instanceof InvalidConfigError) console.error(err.message);
  else console.error(describeStartFailure(err, validateEnv(process.env)) ?? err);
  process.exit(1);
});
