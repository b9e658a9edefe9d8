import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType, RelatedReform, Stats, Subgraph } from '../../model/types';
import { TOPICAL_TYPES } from '../../model/types';
import { CONTEXT_TYPES, rankFromIndex, ReformIndex } from '../related';
import { bestMatches, matchRank, queryWords, searchKey } from '../search';
import type { Plan, Prefetched } from '../plan';
import type { Direction, GraphStore, Health, WriteOptions, WriteResult } from '../store';
import { createDriver, DRIVER_TIMING, int, Neo4jConfig } from './driver';
import { BULK_DEFAULTS, BulkOptions, inPool, LoadBatch, loadBatches } from './bulkBatches';
import { danglingEdges, mergeExtractions } from './bulkMerge';
import { halfLoaded, unavailableReason } from './errors';
import { derived, DERIVED_VERSION, edgeRow, EdgeRow, nodeRow, NodeRow, toEdge, toNode } from './mapping';
import { editionKey } from '../rules/edition';
import { mergeEdge, mergeNode } from '../rules/merge';
import { byId, compareNames, reportOrder } from '../rules/order';
import { statsOf } from '../rules/counts';
import { LevelEdge, selectNeighborhood } from './neighborhood';
import { prefetchStatement, readPrefetch } from './prefetch';
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

  /** Brings searchText, enText and sortKey of every node up to DERIVED_VERSION, page by page. */
  private async refreshDerived(): Promise<void> {
    const [meta] = await this.read((run) => run<{ version: number | null; loadingSince: string | null }>('store_meta'));
    if (meta.loadingSince !== null) throw halfLoaded(this.cfg.uri, meta.loadingSince);
    if (meta.version === DERIVED_VERSION) return;
    let after: string | null = null;
    for (;;) {
      const page: GraphNode[] = await this.read(async (run) => (await run<{ node: NodeRow }>('nodes_page', { after, limit: int(WRITE_BATCH) })).map((r) => toNode(r.node)));
      if (!page.length) break;
      await this.write((run) => run('refresh_derived', { rows: page.map((n) => ({ id: n.id, ...derived(n) })) }));
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
    const statement = prefetchStatement(plan, this.q.text('prefetch'));
    const [row] = await this.readOne<Parameters<typeof readPrefetch>[1]>({ generated: statement }, { ids: [...new Set(ids)], full: plan.full });
    return readPrefetch(ids, row, plan);
  }

  /**
   * Candidates from Neo4j (indexed substrings of the name keys and of the English words),
   * filtered by types and topics there, ranked by server/store/search.ts here.
   */
  search(text: string, types: readonly NodeType[] | undefined, first: number, topics?: readonly string[], reports?: readonly string[]): Promise<GraphNode[]> {
    const q = searchKey(text);
    const filters = { types: types?.length ? [...types] : null, ...topicFilter(topics), reports: reports ? [...reports] : null };
    return this.read(async (run) => {
      if (!q) {
        const rows = await run<{ node: NodeRow }>('search_all', { ...filters, first: int(first) });
        return rows.map((r) => toNode(r.node)).sort(compareNames).slice(0, first);
      }
      const words = queryWords(text);
      // Every query word must begin a word of the English name: the longest one picks the candidates.
      const enWord = words ? ` ${[...words].sort((a, b) => b.length - a.length)[0]}` : null;
      const rows = await run<{ node: NodeRow }>('search_contains', { ...filters, q, enWord });
      const hits: Array<{ node: GraphNode; rank: number }> = [];
      for (const r of rows) {
        const node = toNode(r.node);
        const rank = matchRank(node, q, words);
        if (rank !== null) hits.push({ node, rank });
      }
      return bestMatches(hits, first).map((h) => h.node);
    });
  }

  /** The embedded store's walk, one statement per depth level plus the start and the result. */
  neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number, topics?: readonly string[], reports?: readonly string[]): Promise<Subgraph | null> {
    return this.read(async (run) => {
      const [start] = await this.nodesById(run, [id]);
      if (!start) return null;
      const kept = await selectNeighborhood(id, depth, types, limit, async (frontier) => {
        const rows = await run<{ id: string; edges: LevelEdge[] }>('neighborhood_level', { ids: frontier, ...topicFilter(topics), reports: reports ? [...reports] : null });
        return new Map(rows.map((r) => [r.id, dedupe(r.edges).sort(byId)]));
      });
      const [sub] = await run<{ nodes: NodeRow[]; edges: EdgeRow[] }>('neighborhood_subgraph', { ids: kept });
      const nodes = new Map(sub.nodes.map((n) => [n.id, toNode(n)]));
      const outOf = new Map<string, GraphEdge[]>();
      for (const e of dedupe(sub.edges.map(toEdge))) {
        if (!outOf.has(e.source)) outOf.set(e.source, []);
        outOf.get(e.source)!.push(e);
      }
      return {
        nodes: kept.map((k) => nodes.get(k)).filter((n): n is GraphNode => !!n),
        edges: kept.flatMap((k) => (outOf.get(k) ?? []).sort(byId)),
      };
    });
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
      const nodeIds = [...new Set(x.nodes.map((n) => n.id))];
      for (const n of nodeIds.length ? await this.nodesById(run, nodeIds) : []) if (n) nodes.set(n.id, n);
      for (const n of x.nodes) nodes.set(n.id, mergeNode(nodes.get(n.id), n));

      const edges = new Map<string, GraphEdge>();
      const edgeKeys = [...new Map(x.edges.map((e) => [e.id, { id: e.id, source: e.source, target: e.target }])).values()];
      const known = edgeKeys.length ? await run<{ edge: EdgeRow }>('get_edges', { edges: edgeKeys }) : [];
      for (const r of known) edges.set(r.edge.id, toEdge(r.edge));
      for (const e of x.edges) edges.set(e.id, mergeEdge(edges.get(e.id), e));

      const reportRow = { text: x.text, edition };
      await run('write_nodes', { nodes: [...nodes.values()].map((n) => nodeRow(n, n.id === x.report.id ? reportRow : undefined)) });
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

  /**
   * Replaces the whole graph with these reports' graphs (the embedded store's rebuild: every
   * report merged in order, no edition replacement). The merge happens here, in linear time;
   * edges with an end outside the graph are refused before anything is written. A small graph
   * is written in one transaction (readers see the old graph until it commits). A large one does
   * not fit in one (Neo4j's transaction time and memory limits), so it is written in batches of
   * transactions between two markers: load_begin.cypher before the old graph is cleared,
   * load_end.cypher once every row is in. While the marker stands the graph is not served (by
   * this store: reads refused; by any store: init refuses to start, health is not ok, writes are
   * refused), so a load that fails or is killed midway never passes for a complete graph.
   */
  async rebuild(xs: Extraction[]): Promise<void> {
    const g = mergeExtractions(xs);
    const dangling = danglingEdges(g);
    if (dangling.length) throw new Error(`rebuild: ${dangling.length} of ${g.edges.size} edges have an end that is not in the graph (${dangling[0].id})`);
    const batches = loadBatches(g, this.bulk);
    const expected = { nodes: int(g.nodes.size), edges: int(g.edges.size) };
    if (g.nodes.size + g.edges.size <= this.bulk.oneTransactionRows) {
      await this.write(async (run) => {
        await run('write_lock');
        await run('clear_graph');
        for (const b of batches) await this.writeBatch(run, b);
        await this.endLoad(run, expected);
      });
      this.halfLoaded = null;
      return;
    }
    this.halfLoaded = halfLoaded(this.cfg.uri, new Date().toISOString(), 'this process is loading it now');
    try {
      await this.write(async (run) => {
        await run('write_lock');
        await run('load_begin', expected);
      });
      await this.db.autoCommit('clear_edges_batched');
      await this.db.autoCommit('clear_nodes_batched');
      await this.applySchema('load_drop_indexes');
      // Two transactions in flight: the driver encodes one batch while Neo4j writes the other.
      // Every node is in before the first edge is written.
      const write = (b: LoadBatch) => this.write((run) => this.writeBatch(run, b));
      await inPool(batches.filter((b) => b.query === 'bulk_nodes'), this.bulk.concurrency, write);
      await inPool(batches.filter((b) => b.query === 'bulk_edges'), this.bulk.concurrency, write);
      await this.applySchema();
      await this.write(async (run) => {
        await run('write_lock');
        await this.endLoad(run, expected);
      });
      this.halfLoaded = null;
    } catch (e) {
      this.halfLoaded = halfLoaded(this.cfg.uri, new Date().toISOString(), `it failed midway: ${(e as Error).message}`);
      throw e;
    }
  }

  /** One statement of a bulk load; every row must be written. */
  protected async writeBatch(run: Run, b: LoadBatch): Promise<void> {
    const [{ written }] = await run<{ written: number }>(b.query, b.params);
    if (written !== b.rows) throw new Error(`rebuild: ${b.query} wrote ${written} of ${b.rows} rows`);
  }

  /** Removes the loading marker if the graph holds what the load wrote; fails otherwise. */
  private async endLoad(run: Run, expected: { nodes: unknown; edges: unknown }): Promise<void> {
    const [end] = await run<{ nodes: number; edges: number; complete: boolean }>('load_end', expected);
    if (!end.complete) throw new Error(`rebuild: the graph holds ${end.nodes} nodes and ${end.edges} edges, not the ${String(expected.nodes)} and ${String(expected.edges)} written`);
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

  private async nodesById(run: Run, ids: readonly string[]): Promise<Array<GraphNode | null>> {
    const rows = await run<{ id: string; node: NodeRow | null }>('get_nodes', { ids: [...new Set(ids)] });
    const by = new Map(rows.map((r) => [r.id, r.node ? toNode(r.node) : null]));
    return ids.map((id) => by.get(id) ?? null);
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

function dedupe<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.id) && !!seen.add(x.id));
}
