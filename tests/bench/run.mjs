// npm run bench [-- options]: builds what the benchmark needs, then runs it.
// - dist/server and dist/web with scripts/build.mjs, only when sources are newer (and under the
//   same lock directory as the browser suites, so parallel jest workers never build at once);
// - tests/bench/main.ts bundled to dist/bench/main.js with esbuild;
// - node dist/bench/main.js with the given options (see tests/bench/README.md).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(ROOT);

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function stale() {
  const outs = ['dist/server/main.js', 'dist/web/app.js', 'dist/web/index.html'];
  if (outs.some((f) => !fs.existsSync(f))) return true;
  const built = Math.min(...outs.map((f) => fs.statSync(f).mtimeMs));
  return Math.max(newest('server'), newest('web'), fs.statSync('scripts/build.mjs').mtimeMs) > built;
}

function buildApp() {
  if (!stale()) return;
  const lock = path.join('dist', '.e2e-build.lock');
  fs.mkdirSync('dist', { recursive: true });
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      execFileSync(process.execPath, ['-e', 'setTimeout(()=>{},200)']);
    }
  }
  try {
    if (stale()) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

buildApp();
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
