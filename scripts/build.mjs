// Builds the server bundle and the web explorer with esbuild (fast enough to run before every start).
import { build } from 'esbuild';
import fs from 'node:fs';

const t0 = Date.now();
await build({
  entryPoints: { 'server/main': 'server/main.ts', 'server/cli/ingest': 'server/cli/ingest.ts', 'server/cli/eval': 'server/cli/eval.ts', 'server/cli/export': 'server/cli/export.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
fs.mkdirSync('dist/web', { recursive: true });
if (fs.existsSync('web/src/main.ts')) {
  await build({
    entryPoints: { app: 'web/src/main.ts' },
    outdir: 'dist/web',
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    format: 'iife',
    minify: true,
    sourcemap: true,
    loader: { '.css': 'css' },
    logLevel: 'warning',
  });
}
for (const f of fs.existsSync('web/public') ? fs.readdirSync('web/public') : []) fs.copyFileSync(`web/public/${f}`, `dist/web/${f}`);
console.log(`built dist/ in ${Date.now() - t0} ms`);
