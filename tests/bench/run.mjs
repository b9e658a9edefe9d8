// npm run bench [-- options]: builds what the benchmark needs, then runs it.
// - dist/server and dist/web with `scripts/build.mjs --if-stale` (only when sources are newer, under
//   the lock the browser suites take too);
// - tests/bench/main.ts bundled to dist/bench/main.js with esbuild;
// - node dist/bench/main.js with the given options (see tests/bench/README.md).
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);

execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
await build({
  entryPoints: { 'bench/main': 'tests/bench/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', 'dist/bench/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
const forward = (sig) => process.on(sig, () => child.kill(sig));
forward('SIGINT');
forward('SIGTERM');
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
