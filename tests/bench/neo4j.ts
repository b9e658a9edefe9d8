// Sections 5 and 6: Neo4j. The parent makes a Neo4j answer (a bench-only instance by default, so
// the shared development/test database is never wiped; see README.md) and stops it afterwards if
// it started it. A child loads the 100k graph through Neo4jStore.rebuild, times the GraphQL
// queries on the Neo4j store, and compares one nested query answered three ways on the same
// database: our GraphQL server, @neo4j/graphql (type definitions on our labels), and one
// hand-written Cypher statement through the driver.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { createApp } from '../../server/http/app';
import type { Extraction, GraphEdge, GraphNode } from '../../server/model/types';
import { edgeRow, nodeRow, snippetsFrom } from '../../server/store/neo4j/mapping';
import { editionKey } from '../../server/store/rules/edition';
import { mergeEdge, mergeNode } from '../../server/store/rules/merge';
import { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { Queries } from '../../server/store/neo4j/queries';
import { CONTEXT_TYPES } from '../../server/store/related';
import { queryWords, searchKey } from '../../server/store/search';
import { searchTexts } from './embedded';
import { generateGraph, type GraphInfo } from './generate';
import { log, median, portOpen, ROOT, round, type Run, runChild, sendResult, summary, timeMany, yogaCaller } from './lib';
import { NEIGHBORHOOD_CYPHER, NEIGHBORHOOD_QUERY, NODE_CYPHER, RELATED_CYPHER, SEARCH_CYPHER, NEO4J_GRAPHQL_TYPEDEFS, NESTED_CYPHER, NESTED_QUERY_NEO4J_GRAPHQL, NESTED_QUERY_OURS, NODE_QUERY, RELATED_QUERY, SEARCH_QUERY } from './queries';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** When the bench runs its own instance: where it lives and its port. */
  localDir?: string;
  port?: number;
}

/** Where the bench's Neo4j is: KG_BENCH_NEO4J_URI (an existing one, wiped!) or a bench-only local instance. */
export function neo4jTarget(): Neo4jTarget {
  if (process.env.KG_BENCH_NEO4J_URI) {
    return { uri: process.env.KG_BENCH_NEO4J_URI, user: process.env.KG_BENCH_NEO4J_USER || 'neo4j', password: process.env.KG_BENCH_NEO4J_PASSWORD || 'kg-local-dev', database: process.env.KG_BENCH_NEO4J_DATABASE || undefined };
  }
  const port = Number(process.env.KG_BENCH_NEO4J_PORT || 7697);
  // Absolute: scripts/neo4j resolves NEO4J_LOCAL_DIR from more than one working directory.
  const localDir = path.resolve(ROOT, process.env.KG_BENCH_NEO4J_DIR || path.join('.neo4j', 'bench'));
  return { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'kg-local-dev', localDir, port };
}

function neo4jScript(which: 'up' | 'down', t: Neo4jTarget): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NEO4J_LOCAL_DIR: t.localDir!, NEO4J_BOLT_PORT: String(t.port), NEO4J_PASSWORD: t.password };
    execFile('bash', [path.join(ROOT, 'scripts', 'neo4j', `${which}.sh`)], { cwd: ROOT, env, timeout: 300_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`.trim();
      if (err) reject(new Error(`neo4j:${which} failed: ${out.split('\n').slice(-8).join(' | ') || err.message}`));
      else resolve(out);
    });
  });
}

/** Makes the bench's Neo4j answer; `started` says whether we must stop it. */
export async function ensureNeo4j(t: Neo4jTarget): Promise<{ started: boolean; ms: number; skip?: string }> {
  const u = new URL(t.uri.replace(/^[a-z+]+:\/\//, 'http://'));
  const t0 = performance.now();
  if (await portOpen(u.hostname, Number(u.port || 7687))) return { started: false, ms: 0 };
  if (!t.localDir) return { started: false, ms: 0, skip: `no Neo4j answers at ${t.uri}` };
  log(`starting a bench-only Neo4j (scripts/neo4j/up.sh, NEO4J_LOCAL_DIR=${path.relative(ROOT, t.localDir)}, port ${t.port})...`);
  // Its own instance, not running: start from empty databases (faster than deleting a graph).
  fs.rmSync(path.join(t.localDir, 'data'), { recursive: true, force: true });
  try {
    await neo4jScript('up', t);
  } catch (e) {
    return { started: false, ms: performance.now() - t0, skip: (e as Error).message };
  }
  return { started: true, ms: performance.now() - t0 };
}

export async function stopNeo4j(t: Neo4jTarget): Promise<void> {
  await neo4jScript('down', t).catch((e: Error) => log(`neo4j:down: ${e.message}`));
  // The benchmark's graph is of no further use; it takes disk space.
  if (t.localDir) fs.rmSync(path.join(t.localDir, 'data'), { recursive: true, force: true });
}

type Summary = ReturnType<typeof summary>;
type QueryKind = 'node' | 'neighborhood' | 'search' | 'relatedReforms';

export interface HandWritten {
  inputs: Array<{ input: string; ours: Summary; cypher: Summary; oursOverCypher: number; sameAnswer: boolean; ourAnswer?: string; cypherAnswer?: string }>;
  /** Geometric mean of the per-input ratios of medians. */
  oursOverCypher: number;
  /** How many inputs got the same answer (by the fingerprint of handWrittenImpls) both ways. */
  sameAnswers: number;
  /** Store calls (each a session and a transaction) our query made for the first input; the statement is one. */
  ourRoundTrips?: number;
  error?: string;
}

export interface Neo4jResult {
  size: number;
  graph: { reports: number; nodes: number; edges: number };
  genMs: number;
  wipeMs: number;
  load: {
    method: 'rebuild' | 'batched' | 'writeReport';
    ms: number;
    ok: boolean;
    error?: string;
    rebuildError?: string;
    rebuildMs?: number;
    /** Diagnostic when rebuild fails: the same statements, each batch its own transaction. */
    batchedMs?: number;
    nodesMs?: number;
    edgesMs?: number;
    batchedError?: string;
    reportsWritten?: number;
    reportsTotal?: number;
  };
  queries: Partial<Record<QueryKind, Summary>>;
  firstCall: Record<string, number>;
  /** Queries that failed (a timeout refusal, an error), by kind. */
  errors?: Record<string, string>;
  /** Each timed query against its hand-written Cypher statement (queries.ts), interleaved; absent in a partial result. */
  handWritten?: Partial<Record<QueryKind, HandWritten>>;
  /** Absent in a partial result. */
  nested?: {
    reforms: Array<{ id: string; rank: number; measures: number; ours: Summary; neo4jGraphql: Summary; cypher: Summary; oursOverTheirs: number; oursOverCypher: number; sameAnswer: boolean }>;
    /** Geometric means of the per-reform ratios of medians. */
    oursOverTheirs: number;
    oursOverCypher: number;
    ourRoundTrips: number;
  };
}

async function wipe(driver: Driver, database?: string): Promise<void> {
  // In batches, relationships first: one transaction for a 100k-node graph, or for a batch of
  // nodes holding a hub and its edges, can exceed Neo4j's transaction memory.
  const session = driver.session({ database });
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}

const geomean = (xs: number[]) => (xs.length ? Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length) : NaN);

/** Child side: everything that talks to Neo4j. */
export async function neo4jChild(a: { size: number; seed: number; smoke: boolean; budgetMs: number; loadCapMs: number }): Promise<void> {
  const t = neo4jTarget();
  const cfg = { uri: t.uri, user: t.user, password: t.password, database: t.database };
  let s = performance.now();
  const { extractions, info } = generateGraph({ nodes: a.size, seed: a.seed });
  const genMs = performance.now() - s;
  const driver = neo4j.driver(t.uri, neo4j.auth.basic(t.user, t.password), { disableLosslessIntegers: true, logging: { level: 'error', logger: () => {} } });
  const store = new Neo4jStore(cfg);
  try {
    // Wipe first: init() refuses a graph that an interrupted load left half-written.
    s = performance.now();
    await wipe(driver, t.database);
    const wipeMs = performance.now() - s;
    await store.init();
    log(`neo4j: wiped in ${Math.round(wipeMs)} ms; loading ${info.nodes} nodes from ${info.reports} reports with Neo4jStore.rebuild...`);
    const load = await bulkLoad(store, extractions, a.loadCapMs, driver, t.database);
    log(`neo4j: load ${load.ok ? 'done' : 'FAILED'} by ${load.method} in ${Math.round(load.ms)} ms${load.error ? `: ${load.error}` : ''}`);
    const stats = await store.stats();
    const result: Neo4jResult = {
      size: a.size,
      graph: { reports: info.reports, nodes: stats.nodes, edges: stats.edges },
      genMs: round(genMs),
      wipeMs: round(wipeMs),
      load,
      queries: {},
      firstCall: {},
    };
    sendResult(result);

    const { yoga } = createApp(store);
    const call = yogaCaller(yoga);
    // The targets first: the nested query three ways.
    result.nested = await compareNested(store, driver, call, info, t.database, a.smoke);
    sendResult(result);

    const o = a.smoke ? { warmup: 1, minRuns: 1, maxRuns: 3, budgetMs: a.budgetMs } : { warmup: 3, minRuns: 5, maxRuns: 200, budgetMs: a.budgetMs };
    const ids = info.sample.slice(0, 200);
    const texts = searchTexts(info);
    const reformIds = info.concepts.REFORM.top.map((c) => c.id);
    const present = await store.getNodes(reformIds);
    const relatedIds = reformIds.filter((_, i) => present[i]);
    const errors: Record<string, string> = {};
    const timed = async (name: keyof Neo4jResult['queries'], inputs: string[], q: string, key: string) => {
      if (!inputs.length) return;
      try {
        const f = performance.now();
        await call(q, { [key]: inputs[0] });
        result.firstCall[name] = round(performance.now() - f);
        const xs = await timeMany(inputs, (x) => call(q, { [key]: x }), o);
        result.queries[name] = summary(xs);
        log(`neo4j: ${name} p50 ${result.queries[name]!.p50} ms (${xs.length} runs)`);
      } catch (e) {
        errors[name] = (e as Error).message;
        log(`neo4j: ${name} failed: ${errors[name]}`);
      }
      result.errors = Object.keys(errors).length ? errors : undefined;
      sendResult(result);
    };
    await timed('node', ids, NODE_QUERY, 'id');
    await timed('neighborhood', ids, NEIGHBORHOOD_QUERY, 'id');
    await timed('search', texts, SEARCH_QUERY, 'text');
    await timed('relatedReforms', relatedIds, RELATED_QUERY, 'id');
    // Section 6 again: each of those queries against its hand-written statement.
    const inputs: Record<QueryKind, string[]> = { node: ids.slice(0, 5), neighborhood: ids.slice(0, 5), search: texts, relatedReforms: [...new Set([relatedIds[0], relatedIds[relatedIds.length >> 1], relatedIds[relatedIds.length - 1]])].filter(Boolean) };
    result.handWritten = {};
    for (const kind of Object.keys(inputs) as QueryKind[]) {
      result.handWritten[kind] = await compareHandWritten(kind, inputs[kind], call, driver, t.database, a.smoke, store.calls);
      sendResult(result);
    }
  } finally {
    await store.close().catch(() => undefined);
    await driver.close().catch(() => undefined);
  }
}

async function bulkLoad(store: Neo4jStore, xs: Extraction[], capMs: number, driver: Driver, database?: string): Promise<Neo4jResult['load']> {
  const s = performance.now();
  try {
    await store.rebuild(xs);
    return { method: 'rebuild', ms: round(performance.now() - s), ok: true };
  } catch (e) {
    const rebuildMs = round(performance.now() - s);
    const rebuildError = (e as Error).message.replace(/\s+/g, ' ').trim();
    log(`neo4j: rebuild failed after ${Math.round(rebuildMs)} ms: ${rebuildError}`);
    // What would load it: the same merge and the same statements, each batch committed alone.
    await wipe(driver, database);
    const b = performance.now();
    try {
      const split = await batchedLoad(xs, driver, database);
      const batchedMs = round(performance.now() - b);
      log(`neo4j: the same statements in batches of ${BATCH}, each its own transaction: ${Math.round(batchedMs)} ms (nodes ${Math.round(split.nodesMs)}, edges ${Math.round(split.edgesMs)})`);
      return { method: 'batched', ms: batchedMs, ok: false, error: `Neo4jStore.rebuild failed after ${round(rebuildMs / 1000, 1)} s: ${rebuildError}`, rebuildError, rebuildMs, batchedMs, ...split };
    } catch (be) {
      const batchedError = (be as Error).message;
      log(`neo4j: batched load failed too (${batchedError}); writing report by report (at most ${Math.round(capMs / 1000)} s) so the queries have a graph`);
      await wipe(driver, database);
      const w = performance.now();
      let n = 0;
      for (const x of xs) {
        if (performance.now() - w > capMs) break;
        await store.writeReport(x);
        n++;
      }
      return { method: 'writeReport', ms: round(performance.now() - w), ok: false, error: `Neo4jStore.rebuild failed after ${round(rebuildMs / 1000, 1)} s: ${rebuildError}`, rebuildError, rebuildMs, batchedError, reportsWritten: n, reportsTotal: xs.length };
    }
  }
}

const BATCH = 2000;

/** Neo4jStore.rebuild's merge and statements (cypher/write_nodes, write_edges), but one transaction per batch. */
async function batchedLoad(xs: Extraction[], driver: Driver, database?: string): Promise<{ nodesMs: number; edgesMs: number }> {
  const q = new Queries();
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const reports = new Map<string, { text: string; edition: string | null }>();
  for (const x of xs) {
    for (const n of x.nodes) nodes.set(n.id, mergeNode(nodes.get(n.id), n));
    for (const e of x.edges) edges.set(e.id, mergeEdge(edges.get(e.id), e));
    reports.set(x.report.id, { text: x.text, edition: editionKey(x.report) });
  }
  const snippet = snippetsFrom((id) => reports.get(id)?.text);
  const session = driver.session({ database });
  try {
    const t0 = performance.now();
    const all = [...nodes.values()];
    for (let i = 0; i < all.length; i += BATCH) {
      const rows = all.slice(i, i + BATCH).map((n) => nodeRow(n, reports.get(n.id), snippet));
      await session.executeWrite((tx) => tx.run(q.text('write_nodes'), { nodes: rows }), { timeout: 120000 });
    }
    const t1 = performance.now();
    const es = [...edges.values()];
    for (let i = 0; i < es.length; i += BATCH) {
      const rows = es.slice(i, i + BATCH).map(edgeRow);
      await session.executeWrite((tx) => tx.run(q.text('write_edges'), { edges: rows }), { timeout: 120000 });
    }
    return { nodesMs: round(t1 - t0), edgesMs: round(performance.now() - t1) };
  } finally {
    await session.close();
  }
}

type Nested = { id: string; measures: Array<{ id: string; agency: Array<{ id: string }> | { id: string } | null; platforms: Array<{ id: string }> }>; platforms: Array<{ id: string }>; units: Array<{ id: string }> };

/** The shape every answer is reduced to before comparing: sorted ids. */
function fingerprint(r: Nested | null | undefined): string {
  if (!r) return 'null';
  const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort().join(',');
  const ms = r.measures.map((m) => `${m.id}<${ids(Array.isArray(m.agency) ? m.agency : m.agency ? [m.agency] : [])}|${ids(m.platforms)}>`).sort().join(';');
  return `${r.id}:${ms}:${ids(r.platforms)}:${ids(r.units)}`;
}

/**
 * Calls every implementation on the same input in turn, warm-up rounds first, until `iterations`
 * rounds or (after five timed rounds) the budget is spent; the order rotates each round so no
 * implementation always runs first (or right after another). Times in ms by implementation.
 */
async function interleave<K extends string>(impls: Record<K, (x: string) => Promise<unknown>>, input: string, o: { warm: number; iterations: number; budgetMs: number }): Promise<Record<K, number[]>> {
  const names = Object.keys(impls) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  const t0 = performance.now();
  for (let i = 0; i < o.warm + o.iterations; i++) {
    if (i >= o.warm + 5 && performance.now() - t0 > o.budgetMs) break;
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      const s = performance.now();
      await impls[n](input);
      if (i >= o.warm) samples[n].push(performance.now() - s);
    }
  }
  return samples;
}

async function compareNested(store: Neo4jStore, driver: Driver, call: ReturnType<typeof yogaCaller>, info: GraphInfo, database: string | undefined, smoke: boolean): Promise<NonNullable<Neo4jResult['nested']>> {
  const schema = await new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPEDEFS, driver }).getSchema();
  // Same in-process harness as ours: a yoga instance, fetch without sockets.
  const theirYoga = createYoga({ schema, logging: false, graphiql: false, landingPage: false, maskedErrors: false, context: database ? { sessionConfig: { database } } : {} });
  const theirs = yogaCaller(theirYoga);
  const impls = {
    ours: async (id: string) => (await call<{ node: Nested | null }>(NESTED_QUERY_OURS, { id })).node,
    neo4jGraphql: async (id: string) => (await theirs<{ reforms: Nested[] }>(NESTED_QUERY_NEO4J_GRAPHQL, { id })).reforms[0] ?? null,
    cypher: async (id: string) => {
      const records = await readRecords(driver, database, NESTED_CYPHER, { id });
      return (records[0]?.get('reform') as Nested | undefined) ?? null;
    },
  };
  const names = Object.keys(impls) as Array<keyof typeof impls>;
  // A big, a middling and a small reform (by how many measures implement it).
  const wanted = [3, 20, 100];
  const chosen = wanted.map((k) => info.concepts.REFORM.top.find((c) => c.rank >= k)).filter((c): c is NonNullable<typeof c> => !!c);
  const reforms: NonNullable<Neo4jResult['nested']>['reforms'] = [];
  const calls0 = store.calls.count;
  await impls.ours(chosen[0]?.id ?? '');
  const ourRoundTrips = store.calls.count - calls0;
  for (const c of chosen) {
    const answers = await Promise.all(names.map((n) => impls[n](c.id)));
    const prints = answers.map(fingerprint);
    const samples = await interleave(impls, c.id, smoke ? { warm: 1, iterations: 2, budgetMs: 500 } : { warm: 5, iterations: 60, budgetMs: 8000 });
    const row = {
      id: c.id,
      rank: c.rank,
      measures: answers[0]?.measures.length ?? 0,
      ours: summary(samples.ours),
      neo4jGraphql: summary(samples.neo4jGraphql),
      cypher: summary(samples.cypher),
      oursOverTheirs: round(median(samples.ours) / median(samples.neo4jGraphql), 3),
      oursOverCypher: round(median(samples.ours) / median(samples.cypher), 3),
      sameAnswer: prints.every((p) => p === prints[0]),
    };
    reforms.push(row);
    log(`neo4j nested ${c.id} (${row.measures} measures): ours ${row.ours.p50} ms, @neo4j/graphql ${row.neo4jGraphql.p50} ms, Cypher ${row.cypher.p50} ms; same answer: ${row.sameAnswer}`);
  }
  return {
    reforms,
    oursOverTheirs: round(geomean(reforms.map((r) => r.oursOverTheirs)), 3),
    oursOverCypher: round(geomean(reforms.map((r) => r.oursOverCypher)), 3),
    ourRoundTrips,
  };
}

type Ided = { id: string };
const idList = (xs: readonly Ided[] | null | undefined) => (xs ?? []).map((x) => x.id);
const sortedIds = (xs: readonly Ided[] | null | undefined) => idList(xs).sort().join(',');

/**
 * A hand-written statement run the way the store runs its own (one READ session, session.run):
 * driver.executeQuery costs several times more per call, which would flatter our ratios.
 */
async function readRecords(driver: Driver, database: string | undefined, statement: string, params: Record<string, unknown>) {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return (await session.run(statement, params)).records;
  } finally {
    await session.close();
  }
}

/**
 * Ours (GraphQL in process) and the hand-written statement for one query kind, each reduced to
 * a fingerprint of its answer: node — its id, the sorted ids of its edges and of both ends'
 * nodes, its mention count and quotes, its bureau and indicator; neighbourhood — the sorted
 * node and edge ids and every node's report ids; search — the ids in rank order; related
 * reforms — the reform ids in rank order with their scores and via ids.
 */
export function handWrittenImpls(kind: QueryKind, call: ReturnType<typeof yogaCaller>, driver: Driver, database: string | undefined) {
  const cypher = (statement: string, params: Record<string, unknown>) => readRecords(driver, database, statement, params);
  type Mention = { quote: string; report: Ided | null };
  type Edge = Ided & { source: string; target: string };
  const nodePrint = (n: { id: string; edges: Edge[]; mentions: Mention[]; agency?: Ided | null; indicator?: Ided | null } | null) =>
    n ? [n.id, sortedIds(n.edges), n.edges.map((e) => `${e.source}>${e.target}`).sort().join(','), n.mentions.length, n.mentions.map((m) => `${m.report?.id}:${m.quote}`).sort().join('|'), n.agency?.id ?? '', n.indicator?.id ?? ''].join(' ') : 'null';
  const hoodPrint = (h: { nodes: Array<Ided & { reportIds: string[] }>; edges: Ided[] }) => `${sortedIds(h.nodes)} / ${sortedIds(h.edges)} / ${h.nodes.map((n) => `${n.id}:${[...n.reportIds].sort().join(',')}`).sort().join(';')}`;
  const relatedPrint = (xs: Array<{ score: number; reform: Ided; via: Ided[] }> | null) => (xs ?? []).map((x) => `${x.reform.id}=${x.score}<${idList(x.via).join(',')}>`).join(' ');
  const impls: Record<QueryKind, { ours: (x: string) => Promise<string>; cypher: (x: string) => Promise<string> }> = {
    node: {
      ours: async (id) => nodePrint((await call<{ node: Parameters<typeof nodePrint>[0] }>(NODE_QUERY, { id })).node),
      cypher: async (id) => {
        const n = (await cypher(NODE_CYPHER, { id }))[0]?.get('node') as { id: string; edges: Array<Edge & { other: Ided }>; mentions: Mention[]; agency: Ided | null; indicator: Ided | null } | undefined;
        return nodePrint(n ?? null);
      },
    },
    neighborhood: {
      ours: async (id) => hoodPrint((await call<{ neighborhood: Parameters<typeof hoodPrint>[0] }>(NEIGHBORHOOD_QUERY, { id })).neighborhood),
      cypher: async (id) => {
        const r = (await cypher(NEIGHBORHOOD_CYPHER, { id, limit: neo4j.int(300) }))[0];
        return hoodPrint(r ? { nodes: r.get('nodes'), edges: r.get('edges') } : { nodes: [], edges: [] });
      },
    },
    search: {
      ours: async (text) => idList((await call<{ search: Ided[] }>(SEARCH_QUERY, { text })).search).join(','),
      cypher: async (text) => {
        // The store's own parameters for this text (Neo4jStore.search).
        const words = queryWords(text);
        const enWord = words ? ` ${[...words].sort((a, b) => b.length - a.length)[0]}` : null;
        return (await cypher(SEARCH_CYPHER, { q: searchKey(text), words, enWord, first: neo4j.int(20) })).map((r) => (r.get('node') as Ided).id).join(',');
      },
    },
    relatedReforms: {
      ours: async (id) => relatedPrint((await call<{ relatedReforms: Parameters<typeof relatedPrint>[0] }>(RELATED_QUERY, { id })).relatedReforms),
      cypher: async (id) => relatedPrint((await cypher(RELATED_CYPHER, { id, first: neo4j.int(10), contextTypes: [...CONTEXT_TYPES] }))[0]?.get('related') ?? null),
    },
  };
  return impls[kind];
}

/** One query kind, ours and hand-written, interleaved on each input (as the nested query is). */
async function compareHandWritten(kind: QueryKind, inputs: string[], call: ReturnType<typeof yogaCaller>, driver: Driver, database: string | undefined, smoke: boolean, calls: { count: number }): Promise<HandWritten> {
  const impls = handWrittenImpls(kind, call, driver, database);
  const rows: HandWritten['inputs'] = [];
  let ourRoundTrips: number | undefined;
  try {
    if (inputs.length) {
      const c0 = calls.count;
      await impls.ours(inputs[0]);
      ourRoundTrips = calls.count - c0;
    }
    for (const input of inputs) {
      const [ours, cypher] = await Promise.all([impls.ours(input), impls.cypher(input)]);
      // relatedReforms' hand-written statement walks every reform each call: fewer rounds.
      const o = smoke ? { warm: 1, iterations: 2, budgetMs: 300 } : kind === 'relatedReforms' ? { warm: 1, iterations: 20, budgetMs: 8000 } : { warm: 3, iterations: 60, budgetMs: 3000 };
      const samples = await interleave(impls, input, o);
      const sameAnswer = ours === cypher;
      const row = { input, ours: summary(samples.ours), cypher: summary(samples.cypher), oursOverCypher: round(median(samples.ours) / median(samples.cypher), 3), sameAnswer, ...(sameAnswer ? {} : { ourAnswer: ours.slice(0, 2000), cypherAnswer: cypher.slice(0, 2000) }) };
      rows.push(row);
      log(`neo4j ${kind} ${JSON.stringify(input)}: ours ${row.ours.p50} ms, hand-written Cypher ${row.cypher.p50} ms (${row.oursOverCypher}); same answer: ${sameAnswer}`);
    }
  } catch (e) {
    const error = (e as Error).message;
    log(`neo4j ${kind} against hand-written Cypher failed: ${error}`);
    return { inputs: rows, oursOverCypher: round(geomean(rows.map((r) => r.oursOverCypher)), 3), sameAnswers: rows.filter((r) => r.sameAnswer).length, ourRoundTrips, error };
  }
  return { inputs: rows, oursOverCypher: round(geomean(rows.map((r) => r.oursOverCypher)), 3), sameAnswers: rows.filter((r) => r.sameAnswer).length, ourRoundTrips };
}

/** Parent side: Neo4j up (if needed), the child, Neo4j down (if we started it). */
export async function runNeo4j(o: { size: number; seed: number; smoke: boolean; budgetMs: number; timeoutMs: number; loadCapMs: number; runs: Run[] }): Promise<{ ok: boolean; skip?: string; error?: string; result?: Neo4jResult; startMs?: number }> {
  const t = neo4jTarget();
  const up = await ensureNeo4j(t);
  o.runs.push({ section: 'neo4j', name: 'neo4j up', uri: t.uri, started: up.started, ms: round(up.ms), skip: up.skip });
  if (up.skip) return { ok: false, skip: up.skip };
  try {
    const c = await runChild<Neo4jResult>(['neo4j', '--size', String(o.size), '--seed', String(o.seed), '--budget-ms', String(o.budgetMs), '--load-cap-ms', String(o.loadCapMs), ...(o.smoke ? ['--smoke'] : [])], {
      nodeArgs: ['--max-old-space-size=4096'],
      timeoutMs: o.timeoutMs,
    });
    o.runs.push({ section: 'neo4j', name: `neo4j ${o.size} nodes`, uri: t.uri, ok: c.ok, error: c.error, childMs: round(c.ms), ...(c.result ?? {}) });
    return { ok: c.ok, error: c.error, result: c.result, startMs: up.ms };
  } finally {
    if (up.started) {
      log('stopping the bench Neo4j (it was started by the bench)');
      await stopNeo4j(t);
    }
  }
}
