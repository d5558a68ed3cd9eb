// Compiles src/ to dist/ only when something it is built from changed since the last build, so
// that `npm start` and the tools (`npm run simulate -- --help`) start at once on a second run.
// `--force` always builds (`npm run build`). The server (tsc) and the dashboard (Vite) each
// have their own stamp.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

// the newest change among the inputs; directories count too (a deleted or renamed file)
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const force = process.argv.includes('--force');
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changedAt = Math.max(...inputs.map((p) => newest(join(root, p))));
if (force || changedAt >= builtAt) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

// the dashboard (web/, see docs/dashboard.md): Vite builds it into dist/web, on the same rule
const webStamp = join(root, 'dist', '.web-build-stamp');
const webBuiltAt = existsSync(webStamp) ? statSync(webStamp).mtimeMs : 0;
const webChangedAt = Math.max(...['web', 'package-lock.json'].map((p) => newest(join(root, p))));
if (force || webChangedAt >= webBuiltAt) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(webStamp, `${new Date().toISOString()}\n`);
}
