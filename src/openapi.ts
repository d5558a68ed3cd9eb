import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, createApp } from './bootstrap.js';

// `npm run openapi`: writes the OpenAPI document of the app as it is built, without listening,
// on a throwaway in-memory database.
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'docs/openapi.json';
  const app = await createApp({
    env: {
      SQLITE_PATH: ':memory:',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: randomBytes(16).toString('hex'),
    },
    logger: ['error'],
  });
  await app.init();
  writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  console.log(`OpenAPI document written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
