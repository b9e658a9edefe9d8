import type { EdgeType, Extraction, GraphEdge, GraphNode, MentionRef, NodeType, RelatedReform, Stats, Subgraph } from '../../model/types';
import { TOPICAL_TYPES } from '../../model/types';
import { CONTEXT_TYPES, rankFromIndex, ReformIndex } from '../related';
import { queryWords, searchKey, TYPE_RANK } from '../search';
import { type Plan, type Prefetched, snippetKey } from '../plan';
import type { Snippet } from '../rules/sentences';
import type { Direction, GraphStore, Health, WriteOptions, WriteResult } from '../store';
import { createDriver, DRIVER_TIMING, int, Neo4jConfig } from './driver';
import { BULK_DEFAULTS, BulkOptions, LoadBatch } from './bulkBatches';
import { bulkLoad, writeLoadBatch } from './bulkLoad';
import { halfLoaded, unavailableReason } from './errors';
import { derived, DERIVED_VERSION, edgeRow, EdgeRow, nodeRow, NodeRow, snippetColumns, type SnippetRow, snippetsFrom, storedSnippets, toEdge, toNode, toNodeOrLight } from './mapping';
import { editionKey } from '../rules/edition';
import { mergeEdge, mergeNode } from '../rules/merge';
import { byId, compareNames, reportOrder } from '../rules/order';
import { statsOf } from '../rules/counts';
import { neighborhoodStatement } from './neighborhood';
import { prefetchStatement, type PrefetchRow, readPrefetch } from './prefetch';
import { Queries, QueryName } from './queries';
import { type ContextRow, reformContexts } from './relatedContext';
import { type Generated, type Run, Sessions } from './sessions';

export type { Run } from './sessions';

/**
 * The graph in Neo4j 5 through neo4j-driver: the same answers as the embedded store (ranking,
 * context and walk order come from the same TypeScript functions). One driver per store (one
 * store per process); each store call opens a session and runs one managed transaction
 * (sessions.ts), whose statements are the files of cypher/, always with parameters.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  /** Cypher statements sent to Neo4j (round trips), for tests and diagnostics. */
  readonly calls: { count: number };
  /** The related-reform index and the graph version it was built from. */
  private related: { version: string; ix: Promise<ReformIndex> } | undefined;
  private readonly q: Queries;
  private readonly db: Sessions;
  private readonly bulk: BulkOptions;
  /** The prefetch statement of each plan seen. */
  private readonly statements = new WeakMap<Plan, string>();
  /**
   * Set while this store's own bulk load runs over several transactions, and after one failed:
   * the graph is half-written, so reads are refused with this error rather than answered.
   */
  private halfLoaded: Error | null = null;

  constructor(private readonly cfg: Neo4jConfig, opts: { bulk?: Partial<BulkOptions> } = {}) {
    this.q = new Queries();
    this.db = new Sessions(createDriver(cfg), this.q, cfg);
    this.calls = this.db.calls;
    this.bulk = { ...BULK_DEFAULTS, ...opts.bulk };
  }

  get uri(): string {
    return this.cfg.uri;
  }

  /**
   * Applies cypher/schema.cypher (idempotent), waits until the indexes are online, refuses a
   * graph that a bulk load left half-written, and recomputes the derived node properties if the
   * graph was written by an older version.
   */
  async init(): Promise<void> {
    await this.applySchema();
    await this.refreshDerived();
    await this.write((run) => run('ensure_graph_version'));
  }

  /** Runs each statement of schema.cypher (or load_drop_indexes.cypher) in its own auto-commit transaction; after the schema, waits for the indexes. */
  private async applySchema(file: 'schema' | 'load_drop_indexes' = 'schema'): Promise<void> {
    const statements: Array<[string, Record<string, unknown>?]> = this.q.statements(file).map((text) => [text]);
    if (file === 'schema') statements.push([this.q.text('await_indexes'), { seconds: int(300) }]);
    await this.db.each(statements);
  }

  /**
   * Brings searchText, enText, sortKey and the mentions' snippets of every node up to
   * DERIVED_VERSION, page by page (the snippets cut from the report texts, which are read once
   * each while they fit in TEXT_CACHE_CHARS).
   */
  private async refreshDerived(): Promise<void> {
    const [meta] = await this.read((run) => run<{ version: number | null; loadingSince: string | null }>('store_meta'));
    if (meta.loadingSince !== null) throw halfLoaded(this.cfg.uri, meta.loadingSince);
    if (meta.version === DERIVED_VERSION) return;
    const texts = new Map<string, string | null>();
    let cached = 0;
    const snippet = snippetsFrom((id) => texts.get(id));
    let after: string | null = null;
    for (;;) {
      const page: GraphNode[] = await this.read(async (run) => (await run<{ node: NodeRow }>('nodes_page', { after, limit: int(WRITE_BATCH) })).map((r) => toNode(r.node)));
      if (!page.length) break;
      const wanted = [...new Set(page.flatMap((n) => n.mentions.map((m) => m.reportId)))].filter((id) => !texts.has(id));
      if (cached > TEXT_CACHE_CHARS) {
        texts.clear();
        cached = 0;
      }
      if (wanted.length) {
        for (const r of await this.read((run) => run<{ id: string; text: string | null }>('report_texts', { ids: wanted }))) {
          texts.set(r.id, r.text);
          cached += r.text?.length ?? 0;
        }
      }
      await this.write((run) => run('refresh_derived', { rows: page.map((n) => ({ id: n.id, ...derived(n), ...snippetColumns(n.mentions, snippet) })) }));
      after = page[page.length - 1].id;
    }
    await this.write((run) => run('set_store_meta', { version: int(DERIVED_VERSION) }));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Asks once, without the driver's retries, so /health answers quickly during an outage. */
  async health(): Promise<Health> {
    const session = this.db.session('READ');
    try {
      this.calls.count++;
      const res = await session.run(this.q.text('health'), {}, { timeout: DRIVER_TIMING.healthTimeout });
      const row = res.records[0].toObject() as { nodes: number; edges: number; loadingSince: string | null };
      const partial = this.halfLoaded ?? (row.loadingSince === null ? null : halfLoaded(this.cfg.uri, row.loadingSince));
      if (partial) return { ok: false, nodes: row.nodes, edges: row.edges, reason: partial.message };
      return { ok: true, nodes: row.nodes, edges: row.edges };
    } catch (e) {
      return { ok: false, nodes: 0, edges: 0, reason: unavailableReason(e, this.cfg.uri) ?? `Neo4j at ${this.cfg.uri} failed: ${(e as Error).message}` };
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  isEmpty(): Promise<boolean> {
    return this.read(async (run) => (await run<{ empty: boolean }>('is_empty'))[0].empty);
  }

  stats(): Promise<Stats> {
    return this.read(async (run) => {
      const [row] = await run<{ byType: Array<{ type: NodeType; count: number }>; edges: number }>('stats');
      return statsOf(new Map(row.byType.map((t) => [t.type, t.count])), row.edges);
    });
  }

  async getNodes(ids: readonly string[]): Promise<Array<GraphNode | null>> {
    if (!ids.length) return [];
    return this.read((run) => this.nodesById(run, ids));
  }

  async edgesOf(ids: readonly string[], direction: Direction, types?: readonly EdgeType[]): Promise<GraphEdge[][]> {
    if (!ids.length) return [];
    const name: QueryName = direction === 'out' ? 'edges_out' : direction === 'in' ? 'edges_in' : 'edges_both';
    const rows = await this.read((run) => run<{ id: string; edges: EdgeRow[] }>(name, { ids: [...new Set(ids)], types: types ? [...types] : null }));
    const by = new Map(rows.map((r) => [r.id, dedupe(r.edges.map(toEdge)).sort(byId)]));
    return ids.map((id) => by.get(id) ?? []);
  }

  async reportTexts(ids: readonly string[]): Promise<Array<string | null>> {
    if (!ids.length) return [];
    const rows = await this.read((run) => run<{ id: string; text: string | null }>('report_texts', { ids: [...new Set(ids)] }));
    const by = new Map(rows.map((r) => [r.id, r.text]));
    return ids.map((id) => by.get(id) ?? null);
  }

  async nodesOfReports(ids: readonly string[]): Promise<GraphNode[][]> {
    if (!ids.length) return [];
    const rows = await this.read((run) => run<{ id: string; nodes: NodeRow[] }>('nodes_of_reports', { ids: [...new Set(ids)] }));
    const by = new Map(rows.map((r) => [r.id, r.nodes.map(toNode).sort(compareNames)]));
    return ids.map((id) => by.get(id) ?? []);
  }

  /** The nodes and every walk of the plan from them, in one statement (prefetch.ts, cypher/prefetch.cypher). */
  async prefetch(ids: readonly string[], plan: Plan): Promise<Prefetched> {
    // A plan is made once per field of a parsed query (server/graphql/prefetch.ts) and never changed: its statement is too.
    let statement = this.statements.get(plan);
    if (statement === undefined) {
      statement = prefetchStatement(plan, this.q.text('prefetch'), { reports: this.q.text('prefetch_reports'), reached: this.q.text('prefetch_reached'), edges: this.q.text('prefetch_edges'), snippets: this.q.text('prefetch_snippets') });
      this.statements.set(plan, statement);
    }
    const params = { ids: [...new Set(ids)] };
    const [row] = await this.readOne<PrefetchRow>({ generated: statement }, params);
    return readPrefetch(ids, row, plan);
  }

  /**
   * Candidates from Neo4j (indexed substrings of the name keys and of the English words),
   * filtered, ranked as server/store/search.ts ranks them and cut to `first`, all in
   * cypher/search_contains.cypher: only the page crosses the wire.
   */
  search(text: string, types: readonly NodeType[] | undefined, first: number, topics?: readonly string[], reports?: readonly string[], light: boolean | 'bare' = false): Promise<GraphNode[]> {
    const q = searchKey(text);
    const filters = { types: types?.length ? [...types] : null, ...topicFilter(topics), reports: reports ? [...reports] : null, first: int(first), light: light !== false, bare: light === 'bare' };
    if (!q) return this.readOne<{ node: NodeRow }>('search_all', filters).then((rows) => rows.map((r) => toNodeOrLight(r.node)).sort(compareNames).slice(0, first));
    const words = queryWords(text);
    // Every query word must begin a word of the English name: the longest one picks the candidates.
    const enWord = words ? ` ${[...words].sort((a, b) => b.length - a.length)[0]}` : null;
    return this.readOne<{ node: NodeRow }>('search_contains', { ...filters, q, enWords: words && words.map((w) => ` ${w}`), enWord, typeRank: TYPE_RANK }).then((rows) => rows.map((r) => toNodeOrLight(r.node)));
  }

  /**
   * The embedded store's walk, in one statement (cypher/neighborhood.cypher, its level block
   * once per level): the kept nodes in keeping order and the edges among them.
   */
  async neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number, topics?: readonly string[], reports?: readonly string[], light = false): Promise<Subgraph | null> {
    const params = { id, light, limit: int(limit), types: types?.length ? [...types] : null, ...topicFilter(topics), reports: reports ? [...reports] : null };
    const [sub] = await this.readOne<{ nodes: NodeRow[]; edges: EdgeRow[] }>({ generated: neighborhoodStatement(this.q.text('neighborhood'), depth) }, params);
    if (!sub) return null;
    const outOf = new Map<string, GraphEdge[]>();
    for (const e of dedupe(sub.edges.map(toEdge))) {
      if (!outOf.has(e.source)) outOf.set(e.source, []);
      outOf.get(e.source)!.push(e);
    }
    return {
      nodes: sub.nodes.map(toNodeOrLight),
      edges: sub.nodes.flatMap((k) => (outOf.get(k.id) ?? []).sort(byId)),
    };
  }

  /** Contexts of every reform from one statement, scored by server/store/related.ts; then the via nodes. */
  async relatedReforms(id: string, first: number): Promise<RelatedReform[] | null> {
    return (await this.relatedReformsMany([id], first))[0];
  }

  /**
   * Every reform's context from one statement, indexed, and kept while the graph's version
   * stays the same (one cheap statement checks it); scored for each id asked, then the via
   * nodes in one more statement.
   */
  async relatedReformsMany(ids: readonly string[], first: number): Promise<Array<RelatedReform[] | null>> {
    const [{ version }] = await this.readOne<{ version: string | null }>('graph_version', {});
    const index = await this.reformIndex(version);
    const rankedFor = ids.map((id) => rankFromIndex(index, id, first));
    const viaIds = [...new Set(rankedFor.flatMap((ranked) => (ranked ?? []).flatMap((r) => r.via)))];
    const via = new Map<string, GraphNode>();
    if (viaIds.length) for (const n of await this.read((run) => this.nodesById(run, viaIds))) if (n) via.set(n.id, n);
    return rankedFor.map((ranked) => ranked && ranked.map((r) => ({ reform: r.reform, score: r.score, via: r.via.map((v) => via.get(v)!).filter(Boolean) })));
  }

  /**
   * The related-reform index of this graph version, built once however many requests ask while
   * it is being built: at 100k nodes reading every reform's context takes seconds, and a request
   * that gives up (the query timeout) leaves the build running for the next one.
   */
  private reformIndex(version: string | null): Promise<ReformIndex> {
    if (version !== null && this.related?.version === version) return this.related.ix;
    const ix = this.readOne<ContextRow>('related_context', { contextTypes: [...CONTEXT_TYPES] }).then(reformContexts);
    if (version !== null) {
      const entry = { version, ix };
      this.related = entry;
      // A failed build (Neo4j down) is not kept: the next request tries again.
      ix.catch(() => {
        if (this.related === entry) this.related = undefined;
      });
    }
    return ix;
  }

  reports(): Promise<GraphNode[]> {
    return this.read(async (run) =>
      (await run<{ node: NodeRow }>('reports'))
        .map((r) => toNode(r.node))
        .sort(reportOrder),
    );
  }

  /**
   * One write transaction, the embedded store's rules: a known report id changes nothing; an
   * earlier edition (same agency and year) is removed first; the report's nodes and edges are
   * merged into what the graph holds (merge in TypeScript, then batched UNWIND writes).
   */
  writeReport(x: Extraction, opts: WriteOptions = {}): Promise<WriteResult> {
    return this.write(async (run) => {
      await this.lockForWrite(run);
      const replacing = opts.replace !== undefined && (await run<{ type: string | null }>('node_type', { id: opts.replace }))[0].type === 'REPORT';
      const [{ type }] = await run<{ type: string | null }>('node_type', { id: x.report.id });
      if (!replacing && type !== null) return { created: false };
      const edition = editionKey(x.report);
      const replaced = replacing ? opts.replace : edition === null ? undefined : (await run<{ id: string }>('find_edition', { edition, id: x.report.id }))[0]?.id;
      if (replaced) await run('remove_report', { reportId: replaced });

      const nodes = new Map<string, GraphNode>();
      const kept = new Map<string, Snippet>();
      const nodeIds = [...new Set(x.nodes.map((n) => n.id))];
      for (const n of nodeIds.length ? await this.nodesById(run, nodeIds, kept) : []) if (n) nodes.set(n.id, n);
      for (const n of x.nodes) nodes.set(n.id, mergeNode(nodes.get(n.id), n));
      const snippet = await this.snippetsForWrite(run, x, kept, nodes.values());

      const edges = new Map<string, GraphEdge>();
      const edgeKeys = [...new Map(x.edges.map((e) => [e.id, { id: e.id, source: e.source, target: e.target }])).values()];
      const known = edgeKeys.length ? await run<{ edge: EdgeRow }>('get_edges', { edges: edgeKeys }) : [];
      for (const r of known) edges.set(r.edge.id, toEdge(r.edge));
      for (const e of x.edges) edges.set(e.id, mergeEdge(edges.get(e.id), e));

      const reportRow = { text: x.text, edition };
      await run('write_nodes', { nodes: [...nodes.values()].map((n) => nodeRow(n, n.id === x.report.id ? reportRow : undefined, snippet)) });
      if (edges.size) {
        const [{ written }] = await run<{ written: number }>('write_edges', { edges: [...edges.values()].map(edgeRow) });
        if (written !== edges.size) throw new Error(`report ${x.report.id}: ${edges.size - written} of ${edges.size} edges have an end that is not in the graph`);
      }
      return { created: true, replaced };
    });
  }

  deleteReport(id: string): Promise<boolean> {
    return this.write(async (run) => {
      await this.lockForWrite(run);
      const [{ type }] = await run<{ type: string | null }>('node_type', { id });
      if (type !== 'REPORT') return false;
      await run('remove_report', { reportId: id });
      return true;
    });
  }

  /** Replaces the whole graph with these reports' graphs, atomically or between load markers (bulkLoad.ts). */
  rebuild(xs: Extraction[]): Promise<void> {
    return bulkLoad({
      uri: this.cfg.uri,
      bulk: this.bulk,
      write: (work) => this.write(work),
      autoCommit: (name) => this.db.autoCommit(name),
      applySchema: (file) => this.applySchema(file),
      writeBatch: (run, b) => this.writeBatch(run, b),
      setHalfLoaded: (e) => {
        this.halfLoaded = e;
      },
    }, xs);
  }

  /** One statement of a bulk load; every row must be written (a hook: tests make one fail). */
  protected writeBatch(run: Run, b: LoadBatch): Promise<void> {
    return writeLoadBatch(run, b);
  }

  /** Takes the write lock; a half-loaded graph takes no report writes (they would be lost or mixed in). */
  private async lockForWrite(run: Run): Promise<void> {
    const [{ loadingSince }] = await run<{ loadingSince: string | null }>('write_lock');
    if (this.halfLoaded) throw this.halfLoaded;
    if (loadingSince !== null) throw halfLoaded(this.cfg.uri, loadingSince);
  }

  /** Every node (in name order), edge (in id order) and report text, for exports. */
  exportGraph(): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; texts: Map<string, string> }> {
    return this.read(async (run) => {
      const [row] = await run<{ nodes: NodeRow[]; edges: EdgeRow[]; texts: Array<{ id: string; text: string }> }>('export_graph');
      return {
        nodes: row.nodes.map(toNode).sort(compareNames),
        edges: row.edges.map(toEdge).sort(byId),
        texts: new Map(row.texts.map((t) => [t.id, t.text])),
      };
    });
  }

  /** Deletes every node and relationship of the database (tests reseed from an empty graph). */
  deleteEverything(): Promise<void> {
    return this.write(async (run) => {
      await run('wipe_all');
      // An empty graph is up to date: what is written next gets the current derived properties.
      await run('set_store_meta', { version: int(DERIVED_VERSION) });
    });
  }

  /** Nodes by id; with `snippets`, as a write reads them (nodes_to_write.cypher), their mentions' kept snippets put there. */
  private async nodesById(run: Run, ids: readonly string[], snippets?: Map<string, Snippet>): Promise<Array<GraphNode | null>> {
    const rows = await run<{ id: string; node: (NodeRow & SnippetRow) | null }>(snippets ? 'nodes_to_write' : 'get_nodes', { ids: [...new Set(ids)] });
    const by = new Map<string, GraphNode | null>();
    for (const r of rows) {
      const n = r.node ? toNode(r.node) : null;
      if (n && snippets) storedSnippets(n.mentions, r.node!, snippets);
      by.set(r.id, n);
    }
    return ids.map((id) => by.get(id) ?? null);
  }

  /**
   * Each mention's snippet as a write of x keeps it: x's own mentions cut from x's text, the
   * others as the graph kept them, or (a node written before snippets were kept) cut from their
   * report's stored text.
   */
  private async snippetsForWrite(run: Run, x: Extraction, kept: Map<string, Snippet>, nodes: Iterable<GraphNode>): Promise<(m: MentionRef) => Snippet | undefined> {
    const texts = new Map<string, string | null>([[x.report.id, x.text]]);
    const missing = new Set<string>();
    for (const n of nodes) for (const m of n.mentions) if (!texts.has(m.reportId) && !kept.has(snippetKey(m.reportId, m.start, m.end))) missing.add(m.reportId);
    if (missing.size) for (const r of await run<{ id: string; text: string | null }>('report_texts', { ids: [...missing] })) texts.set(r.id, r.text);
    const cut = snippetsFrom((id) => texts.get(id));
    return (m) => (m.reportId === x.report.id ? cut(m) : kept.get(snippetKey(m.reportId, m.start, m.end)) ?? cut(m));
  }

  private read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    if (this.halfLoaded) return Promise.reject(this.halfLoaded);
    return this.db.transact('READ', work);
  }

  private readOne<Row>(name: QueryName | Generated, params: Record<string, unknown>): Promise<Row[]> {
    if (this.halfLoaded) return Promise.reject(this.halfLoaded);
    return this.db.readOne<Row>(name, params);
  }

  private write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.db.transact('WRITE', work);
  }
}

/** The topic filter's parameters: no topics, no filter; else nodes of topical types must be in one. */
function topicFilter(topics: readonly string[] | undefined) {
  return { topics: topics?.length ? [...topics] : null, topical: [...TOPICAL_TYPES] };
}

/** Nodes per page when init() refreshes the derived properties. */
const WRITE_BATCH = 2000;

/** Report text kept while init() refreshes the snippets (characters); past it the texts are read again as pages need them. */
const TEXT_CACHE_CHARS = 64 * 1024 * 1024;

function dedupe<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.id) && !!seen.add(x.id));
}
