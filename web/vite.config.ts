import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard: Preact, type-checked by `npm run lint`, built by `npm run build` into
// dist/web, which the server serves at / (src/infrastructure/dashboard). `--outDir` overrides
// the output (the browser tests build into a folder of their own).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // `npx vite --config web/vite.config.ts`: the page with live reload, the API from a server
  // running beside it (VOLTLINE_URL, default http://127.0.0.1:3000)
  server: {
    proxy: {
      '/api': process.env.VOLTLINE_URL ?? 'http://127.0.0.1:3000',
      '/ws': { target: process.env.VOLTLINE_URL ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // nothing inline: the page runs under a CSP with script-src 'self' and style-src 'self'
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
