import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { InvalidConfigError, validateEnv } from './config/index.js';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const app = await createApp();
  await app.listen(env.PORT, env.HOST);
  Logger.log(`Voltline listening on ${await app.getUrl()} (OCPP at /ocpp/{chargePointId})`, 'Main');
}

main().catch((err: unknown) => {
  // a bad configuration names the variable and stops the start; no stack trace needed
  if (err instanceof InvalidConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
