import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { appConfig } from './config/app.config.js';
import { InvalidConfigError, validateEnv } from './config/index.js';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const { shutdownTimeoutMs } = appConfig(env);
  const app = await createApp();
  await app.listen(env.PORT, env.HOST);
  Logger.log(`Voltline listening on ${await app.getUrl()} (OCPP at /ocpp/{chargePointId})`, 'Main');

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
  // a bad configuration names the variable and stops the start; no stack trace needed
  if (err instanceof InvalidConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
