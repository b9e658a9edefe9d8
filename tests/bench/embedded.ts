// Section 3: the embedded store at 10k / 100k / 1M nodes, each size in its own child process.
// The child generates the synthetic graph, loads it through MemoryStore.rebuild, measures its
// resident memory, then times GraphQL queries in process (createApp(store).yoga.fetch: parse,
// validate, execute, serialise; no sockets). The parent then restarts the real server on the
// data dir the child left, for the start-up time and memory at that size.
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../server/http/app';
import { extract } from '../../server/ingest/pipeline';
import { MemoryStore } from '../../server/store/memory/memoryStore';
import { generateReports, lazyReports, type GraphInfo } from './generate';
import { log, mb, median, type Run, ROOT, round, rssOfPid, runChild, sendResult, startServer, summary, tempDir, timeMany, yogaCaller, gqlHttp } from './lib';
import { NEIGHBORHOOD_BARE_QUERY, NEIGHBORHOOD_QUERY, NODE_QUERY, RELATED_QUERY, SEARCH_QUERY } from './queries';

export interface EmbeddedChildArgs {
  size: number;
  seed: number;
  smoke: boolean;
  budgetMs: number;
  keepDir?: string;
}

type Summary = ReturnType<typeof summary>;

export interface EmbeddedResult {
  size: number;
  graph: { reports: number; nodes: number; edges: number; byType: unknown };
  genMs: number;
  rebuildWallMs: number;
  /** rebuild wall time less the time the same reports take to generate alone. */
  loadMs: number;
  snapshotBytes: number;
  rssAfterLoad: number;
  heapAfterLoad: number;
  rssAfterQueries?: number;
  gcExposed: boolean;
  firstCall?: Record<string, number>;
  /** Absent in a partial result (the child stopped after the load). */
  queries?: Record<'node' | 'neighborhood' | 'search' | 'relatedReforms', Summary>;
  /** Diagnostic: the neighbourhood walk with nothing per node but its name. */
  extra?: Record<'neighborhoodBare', Summary>;
  searchByText?: Record<string, Summary>;
  /** Queries that failed (a timeout refusal, an error), by kind. */
  errors?: Record<string, string>;
  ingestOne?: { ms: number; nodes: number; edges: number; searchAfterMs: number; relatedAfterMs: number; error?: string };
  targets?: { hub: string; relatedIds: string[]; searchTexts: string[] };
  dataDir: string;
  /** True when this is what the child sent after the load, before any query. */
  partial?: boolean;
}

/** Search texts drawn from the graph: common words, hub and rare names, prefixes, Traditional input, English, no hit. */
export function searchTexts(info: GraphInfo): string[] {
  const at = (t: keyof GraphInfo['concepts'], k: number) => info.concepts[t].top.find((c) => c.rank >= k) ?? info.concepts[t].top[info.concepts[t].top.length - 1];
  return [
    '执法',
    '最多跑一次',
    '繁簡分流',
    at('REFORM', 50).name,
    at('PLATFORM', 20).name.slice(0, 4),
    at('UNIT', 10).name,
    at('PROBLEM', 3).name,
    at('POLICY_DOCUMENT', 5).name.slice(2, 8),
    'Run at most once',
    '不存在的名称甲乙丙',
  ];
}

function gc(): boolean {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) return false;
  g();
  g();
  return true;
}

/** Child side: one size, start to finish. */
export async function embeddedChild(a: EmbeddedChildArgs): Promise<void> {
  const opts = { nodes: a.size, seed: a.seed };
  // Pass 1: the reports alone, to know the graph and how long generating it takes.
  let t = performance.now();
  const gen = generateReports(opts);
  let info!: GraphInfo;
  for (;;) {
    const r = gen.next();
    if (r.done) {
      info = r.value;
      break;
    }
  }
  const genMs = performance.now() - t;
  log(`${a.size}: generated ${info.reports} reports, ${info.nodes} nodes in ${Math.round(genMs)} ms`);

  // Pass 2: the same reports, generated again while the store merges them (nothing held here).
  const dir = a.keepDir ?? tempDir(`mem-${a.size}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const store = new MemoryStore(dir);
  await store.init();
  t = performance.now();
  await store.rebuild(lazyReports(opts));
  const rebuildWallMs = performance.now() - t;
  const gcExposed = gc();
  const mem = process.memoryUsage();
  const stats = await store.stats();
  const snapshotBytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  log(`${a.size}: rebuild ${Math.round(rebuildWallMs)} ms (incl. generation), ${stats.nodes} nodes, ${stats.edges} edges, RSS ${mb(mem.rss)} MB`);

  const base: EmbeddedResult = {
    size: a.size,
    graph: { reports: info.reports, nodes: stats.nodes, edges: stats.edges, byType: stats.byType },
    genMs: round(genMs),
    rebuildWallMs: round(rebuildWallMs),
    loadMs: round(Math.max(0, rebuildWallMs - genMs)),
    snapshotBytes,
    rssAfterLoad: mem.rss,
    heapAfterLoad: mem.heapUsed,
    gcExposed,
    dataDir: dir,
    partial: true,
  };
  // The load's figures now, in case the queries do not finish in time.
  sendResult(base);

  const { yoga } = createApp(store);
  const call = yogaCaller(yoga);
  const ids = info.sample.slice(0, 300);
  const reformIds = info.concepts.REFORM.top.map((c) => c.id);
  const present = await store.getNodes(reformIds);
  const relatedIds = reformIds.filter((_, i) => present[i]);
  const texts = searchTexts(info);
  const hub = info.concepts.REFORM.top[0].id;

  const o = a.smoke ? { warmup: 1, minRuns: 1, maxRuns: 3, budgetMs: a.budgetMs } : { warmup: 3, minRuns: 5, maxRuns: 400, budgetMs: a.budgetMs };
  const firstCall: Record<string, number> = {};
  const errors: Record<string, string> = {};
  // First calls build the lazy views (search index, related-reform contexts): timed on their own.
  const first = async (name: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    try {
      await fn();
      firstCall[name] = round(performance.now() - s, 2);
    } catch (e) {
      errors[name] = (e as Error).message;
    }
  };
  const many = async (name: string, inputs: string[], fn: (x: string) => Promise<unknown>, oo = o): Promise<number[]> => {
    if (errors[name] || !inputs.length) return [];
    try {
      const xs = await timeMany(inputs, fn, oo);
      log(`${a.size}: ${name} p50 ${round(median(xs), 3)} ms (${xs.length} runs)`);
      return xs;
    } catch (e) {
      errors[name] = (e as Error).message;
      log(`${a.size}: ${name} failed: ${errors[name]}`);
      return [];
    }
  };
  await first('search', () => call(SEARCH_QUERY, { text: texts[0] }));
  await first('relatedReforms', () => call(RELATED_QUERY, { id: relatedIds[0] ?? hub }));
  await first('node', () => call(NODE_QUERY, { id: ids[0] }));
  await first('neighborhood', () => call(NEIGHBORHOOD_QUERY, { id: ids[0] }));

  const node = await many('node', ids, (id) => call(NODE_QUERY, { id }));
  const hood = await many('neighborhood', ids, (id) => call(NEIGHBORHOOD_QUERY, { id }));
  const hoodBare = await many('neighborhoodBare', ids, (id) => call(NEIGHBORHOOD_BARE_QUERY, { id }), { ...o, budgetMs: o.budgetMs / 2 });
  const byText = new Map<string, number[]>(texts.map((x) => [x, []]));
  let calls = 0;
  const search = await many('search', texts, async (text) => {
    const s = performance.now();
    await call(SEARCH_QUERY, { text });
    // Per text, the timed calls only (not the warm-up).
    if (++calls > o.warmup) byText.get(text)!.push(performance.now() - s);
  });
  const related = await many('relatedReforms', relatedIds, (id) => call(RELATED_QUERY, { id }));
  gc();
  const rssAfterQueries = process.memoryUsage().rss;

  // One real report written into the graph of this size, and what the next reads then cost.
  let ingestOne: EmbeddedResult['ingestOne'];
  try {
    const text = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'reports', 'jiaxing-psb-2021.txt'), 'utf8');
    const x = extract(text, {});
    t = performance.now();
    await store.writeReport(x);
    const ms = performance.now() - t;
    t = performance.now();
    await call(SEARCH_QUERY, { text: texts[1] });
    const searchAfterMs = performance.now() - t;
    t = performance.now();
    await call(RELATED_QUERY, { id: relatedIds[0] ?? hub });
    const relatedAfterMs = performance.now() - t;
    ingestOne = { ms: round(ms), nodes: x.nodes.length, edges: x.edges.length, searchAfterMs: round(searchAfterMs), relatedAfterMs: round(relatedAfterMs) };
  } catch (e) {
    ingestOne = { ms: NaN, nodes: 0, edges: 0, searchAfterMs: NaN, relatedAfterMs: NaN, error: (e as Error).message };
  }
  await store.close();
  if (!a.keepDir) fs.rmSync(dir, { recursive: true, force: true });

  const result: EmbeddedResult = {
    ...base,
    partial: false,
    rssAfterQueries,
    firstCall,
    queries: { node: summary(node), neighborhood: summary(hood), search: summary(search), relatedReforms: summary(related) },
    extra: { neighborhoodBare: summary(hoodBare) },
    searchByText: Object.fromEntries([...byText].map(([k, v]) => [k, summary(v)])),
    errors: Object.keys(errors).length ? errors : undefined,
    ingestOne,
    targets: { hub, relatedIds, searchTexts: texts },
  };
  sendResult(result);
}

export interface EmbeddedSizeOutcome {
  size: number;
  label: string;
  ok: boolean;
  error?: string;
  result?: EmbeddedResult;
  childMs: number;
  peakRss?: number;
  /**
   * The real server restarted on the data: spawn to "listening on", its RSS, then the first
   * `search` and the first `relatedReforms` it answers (over HTTP, one each, right after ready).
   */
  restart?: { readyMs: number; rss: number | null; nodes?: number; firstSearchMs?: number; firstRelatedMs?: number; error?: string };
}

/** Parent side: one size in a child (bounded in time), then a restart of the real server on its data. */
export async function runEmbeddedSize(size: number, label: string, o: { seed: number; smoke: boolean; timeoutMs: number; budgetMs: number; keepDir?: string; restart: boolean; runs: Run[] }): Promise<EmbeddedSizeOutcome> {
  const dir = o.keepDir ?? tempDir(`mem-${label}`);
  const nodeArgs = ['--expose-gc', `--max-old-space-size=${size >= 1_000_000 ? 6144 : 4096}`];
  log(`embedded ${label}: child with ${nodeArgs.join(' ')}, at most ${Math.round(o.timeoutMs / 1000)} s`);
  const c = await runChild<EmbeddedResult>(['embedded', '--size', String(size), '--seed', String(o.seed), '--budget-ms', String(o.budgetMs), '--keep-dir', dir, ...(o.smoke ? ['--smoke'] : [])], { nodeArgs, timeoutMs: o.timeoutMs });
  const out: EmbeddedSizeOutcome = { size, label, ok: c.ok, error: c.error, result: c.result, childMs: round(c.ms), peakRss: c.peakRss };
  o.runs.push({ section: 'embedded', name: `embedded ${label}`, size, ok: c.ok, error: c.error, childMs: round(c.ms), childPeakRssMB: c.peakRss ? mb(c.peakRss) : null, nodeArgs, ...(c.result ?? {}) });
  // A partial result means the load finished (and the data is on disk) even if the queries did not.
  if (c.result && o.restart) {
    // The real server started on that data: start-up time and memory at this size.
    try {
      const s = await startServer(dir, { timeoutMs: o.smoke ? 60000 : 180000, env: { KG_LOG_LEVEL: 'silent' } });
      const stats = await gqlHttp<{ stats: { nodes: number } }>(s.url, '{ stats { nodes } }').catch(() => null);
      out.restart = { readyMs: round(s.readyMs), rss: rssOfPid(s.pid), nodes: stats?.stats.nodes };
      // The first queries a restarted server answers, each of which may have to build its index.
      const t = c.result.targets;
      const timed = async (query: string, variables: Record<string, unknown>) => {
        const start = performance.now();
        return gqlHttp(s.url, query, variables).then(() => round(performance.now() - start), () => undefined);
      };
      if (t?.searchTexts[0] !== undefined) out.restart.firstSearchMs = await timed(SEARCH_QUERY, { text: t.searchTexts[0] });
      if (t) out.restart.firstRelatedMs = await timed(RELATED_QUERY, { id: t.relatedIds[0] ?? t.hub });
      await s.stop();
    } catch (e) {
      out.restart = { readyMs: NaN, rss: null, error: (e as Error).message };
    }
    o.runs.push({ section: 'embedded', name: `server restart on the ${label} data`, size, ...out.restart, rssMB: out.restart.rss ? mb(out.restart.rss) : null });
  }
  if (!o.keepDir) fs.rmSync(dir, { recursive: true, force: true });
  return out;
}
