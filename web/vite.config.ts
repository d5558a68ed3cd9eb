import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard: Preact, type-checked by `npm run lint`, built by `npm run build` into
// dist/web, which the server serves at / (src/infrastructure/dashboard). `--outDir` overrides
// the output (the browser tests build into a folder of their own).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // nothing inline: the page runs under a CSP with script-src 'self' and style-src 'self'
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
