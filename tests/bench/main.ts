// npm run bench [-- --smoke] [--no-neo4j] [--only pipeline,startup,http,embedded,explorer,neo4j,bulk]
//                [--sizes 10000,100000,1000000] [--seed N] [--max-1m-seconds S] [--out file]
// The benchmark suite (see tests/bench/README.md): every measurement of the speed issue, a table
// of the targets at the end, and the raw figures as JSON in $KG_BENCH_OUT
// (default bench-results/latest.json). Built and started by tests/bench/run.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embeddedChild, runEmbeddedSize, type EmbeddedSizeOutcome } from './embedded';
import { runExplorer, type ExplorerResult } from './explorer';
import { runHttp, type HttpResult } from './http';
import { log, machine, mb, ROOT, round, type Run, tempDir } from './lib';
import { neo4jChild, neo4jTarget, runNeo4j, type Neo4jResult } from './neo4j';
import { runBulk, type BulkResult } from './bulk';
import { pipelineWorker, runPipeline, type PipelineResult } from './pipeline';
import { runStartup, type StartupResult } from './startup';
import { TARGETS, evaluateTargets, printTable, type Figures } from './targets';

const SECTIONS = ['pipeline', 'startup', 'http', 'embedded', 'explorer', 'neo4j', 'bulk'] as const;
type Section = (typeof SECTIONS)[number];

function args(argv: string[]) {
  const has = (f: string) => argv.includes(f);
  const val = (f: string) => {
    const i = argv.indexOf(f);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { has, val };
}

async function child(argv: string[]): Promise<void> {
  const { has, val } = args(argv);
  const kind = argv[argv.indexOf('--child') + 1];
  const common = { size: Number(val('--size')), seed: Number(val('--seed') ?? 1), smoke: has('--smoke'), budgetMs: Number(val('--budget-ms') ?? 5000) };
  if (kind === 'embedded') return embeddedChild({ ...common, keepDir: val('--keep-dir') });
  if (kind === 'neo4j') return neo4jChild({ ...common, loadCapMs: Number(val('--load-cap-ms') ?? 180000) });
  throw new Error(`unknown child ${kind}`);
}

function gitState(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim().length > 0;
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function main(argv: string[]): Promise<void> {
  const { has, val } = args(argv);
  const smoke = has('--smoke');
  const noNeo4j = has('--no-neo4j');
  const only = val('--only')?.split(',').map((s) => s.trim()) as Section[] | undefined;
  const want = (s: Section) => !only || only.includes(s);
  const seed = Number(val('--seed') ?? 20240601);
  const sizes = (val('--sizes')?.split(',').map(Number) ?? (smoke ? [1000, 2000, 4000] : [10_000, 100_000, 1_000_000])) as [number, number, number];
  // The sizes stand for 10k, 100k and 1M in that order: all three, or the rows mean nothing.
  if (sizes.length !== 3 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`--sizes takes three node counts, for the 10k, 100k and 1M rows (e.g. --sizes 10000,100000,1000000), not "${val('--sizes')}"`);
    process.exit(2);
  }
  const labels = ['10k', '100k', '1M'];
  const out = path.resolve(ROOT, val('--out') ?? process.env.KG_BENCH_OUT ?? path.join('bench-results', 'latest.json'));
  const maxLargeMs = Number(val('--max-1m-seconds') ?? (smoke ? 60 : 480)) * 1000;
  const started = new Date();
  const t0 = performance.now();
  const m = machine();
  const runs: Run[] = [];
  const fig: Figures = { smoke, sizes, notes: {} };
  const options = { smoke, noNeo4j, only: only ?? null, seed, sizes, out: path.relative(ROOT, out) };

  const write = () => {
    const targets = evaluateTargets(fig);
    const doc = {
      // Other work on the same 2 cores inflates every figure: the load average says how much there was.
      machine: { ...m, chromium: fig.explorer?.chromium ?? null, ...gitState(), startedAt: started.toISOString(), totalSeconds: round((performance.now() - t0) / 1000, 1), loadAverageNow: os.loadavg().map((x) => round(x, 2)) },
      options,
      runs,
      targets,
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
    return doc;
  };
  const section = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    log(`== ${name}`);
    const s = performance.now();
    try {
      return await fn();
    } catch (e) {
      const msg = (e as Error).message;
      log(`${name} failed: ${msg}`);
      runs.push({ section: name, name: `${name} failed`, error: msg });
      fig.notes[name] = msg;
      return undefined;
    } finally {
      log(`== ${name} took ${round((performance.now() - s) / 1000, 1)} s`);
      write();
    }
  };

  log(`benchmark${smoke ? ' (smoke)' : ''}: sizes ${sizes.join(', ')}, seed ${seed}, results to ${path.relative(ROOT, out)}`);
  if (want('pipeline')) fig.pipeline = await section('pipeline', () => runPipeline({ iterations: smoke ? 1 : 20, runs })) as PipelineResult | undefined;
  if (want('startup')) fig.startup = await section('startup', () => runStartup({ runs: smoke ? 1 : 5, allRuns: runs })) as StartupResult | undefined;
  if (want('http')) fig.http = await section('http', () => runHttp({ runs: smoke ? 1 : 3, durationS: smoke ? 1 : 10, connections: 32, allRuns: runs })) as HttpResult | undefined;

  fig.embedded = {};
  const budget = (i: number) => (smoke ? 300 : [4000, 6000, 10000][i]);
  const timeout = (i: number) => (smoke ? 60000 : [180000, 420000, maxLargeMs][i]);
  let smallDir: string | undefined;
  if (want('embedded') || want('explorer')) {
    smallDir = tempDir('explorer-data');
    const e = await section(`embedded ${labels[0]}`, () => runEmbeddedSize(sizes[0], labels[0], { seed, smoke, timeoutMs: timeout(0), budgetMs: budget(0), keepDir: smallDir, restart: false, runs }));
    if (e) fig.embedded[labels[0]] = e;
  }
  if (want('explorer')) {
    const small = fig.embedded[labels[0]];
    const hub = small?.result?.targets?.hub;
    if (small?.ok && hub && smallDir) {
      fig.explorer = await section('explorer', () => runExplorer({ dataDir: smallDir!, hub, sizes: smoke ? [100, 300] : [500, 2000], runs: smoke ? 1 : 3, capMs: 120000, repeatUnderMs: 15000, allRuns: runs })) as ExplorerResult | undefined;
    } else fig.notes.explorer = `no graph to show: the ${labels[0]} embedded run failed (${small?.error ?? 'not run'})`;
  }
  if (smallDir) fs.rmSync(smallDir, { recursive: true, force: true });
  if (want('embedded')) {
    const e = await section(`embedded ${labels[1]}`, () => runEmbeddedSize(sizes[1], labels[1], { seed, smoke, timeoutMs: timeout(1), budgetMs: budget(1), restart: true, runs }));
    if (e) fig.embedded[labels[1]] = e;
  }
  if (want('neo4j')) {
    if (noNeo4j) fig.neo4j = { skipped: 'skipped (--no-neo4j)' };
    else {
      const n = await section('neo4j', () => runNeo4j({ size: smoke ? 2000 : 100_000, seed, smoke, budgetMs: smoke ? 300 : 3000, timeoutMs: smoke ? 120000 : 540000, loadCapMs: smoke ? 30000 : 60000, runs }));
      fig.neo4j = n ? { ok: n.ok, skipped: n.skip, error: n.error, result: n.result as Neo4jResult | undefined, uri: neo4jTarget().uri } : { error: fig.notes.neo4j };
    }
  }
  if (want('bulk')) fig.bulk = await section('bulk', () => runBulk({ reports: smoke ? 50 : 1000, neo4jReports: smoke ? 30 : 300, noNeo4j, runs })) as BulkResult | undefined;
  if (want('embedded')) {
    const e = await section(`embedded ${labels[2]}`, () => runEmbeddedSize(sizes[2], labels[2], { seed, smoke, timeoutMs: timeout(2), budgetMs: budget(2), restart: true, runs }));
    if (e) fig.embedded[labels[2]] = e as EmbeddedSizeOutcome;
  }

  const doc = write();
  printTable(doc.targets, fig, runs);
  log(`total ${round((performance.now() - t0) / 1000, 1)} s; ${doc.targets.filter((t) => t.met).length} of ${TARGETS.length} targets met; JSON in ${path.relative(ROOT, out)}`);
  void mb;
}

const argv = process.argv.slice(2);
// This bundle is also the pipeline section's worker (pipeline.ts).
if (!pipelineWorker()) (argv.includes('--child') ? child(argv) : main(argv)).then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
