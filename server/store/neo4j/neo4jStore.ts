import neo4j, { Driver, ManagedTransaction } from 'neo4j-driver';
import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType, RelatedReform, Stats, Subgraph } from '../../model/types';
import { NODE_TYPES } from '../../model/types';
import { CONTEXT_TYPES, rankRelated } from '../related';
import { compareMatches, compareNames, matchRank, queryWords, searchKey } from '../search';
import type { Direction, GraphStore, Health, WriteResult } from '../store';
import { createDriver, DRIVER_TIMING, int, Neo4jConfig } from './driver';
import { toStoreError, unavailableReason } from './errors';
import { byId, derived, DERIVED_VERSION, edgeRow, EdgeRow, editionKey, mergeEdge, mergeNode, nodeRow, NodeRow, toEdge, toNode, TOPICAL } from './mapping';
import { LevelEdge, selectNeighborhood } from './neighborhood';
import { Queries, QueryName } from './queries';
import { BareEdge, reformContexts } from './relatedContext';

/** Runs one named statement of cypher/ inside the current transaction. */
type Run = <Row = Record<string, any>>(name: QueryName, params?: Record<string, unknown>) => Promise<Row[]>;

/**
 * The graph in Neo4j 5 through neo4j-driver: the same answers as the embedded store (ranking,
 * context and walk order come from the same TypeScript functions). One driver per store (one
 * store per process); each store call opens a session and runs one managed transaction, whose
 * statements are the files of cypher/, always with parameters.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  /** Cypher statements sent to Neo4j (round trips), for tests and diagnostics. */
  readonly calls = { count: 0 };
  private readonly driver: Driver;
  private readonly q: Queries;

  constructor(private readonly cfg: Neo4jConfig) {
    this.q = new Queries();
    this.driver = createDriver(cfg);
  }

  get uri(): string {
    return this.cfg.uri;
  }

  /**
   * Applies cypher/schema.cypher (idempotent), waits until the indexes are online, and
   * recomputes the derived node properties if the graph was written by an older version.
   */
  async init(): Promise<void> {
    const session = this.session('WRITE');
    try {
      for (const statement of this.q.schema()) {
        this.calls.count++;
        await session.run(statement);
      }
      this.calls.count++;
      await session.run(this.q.text('await_indexes'), { seconds: int(300) });
    } catch (e) {
      throw toStoreError(e, this.cfg.uri);
    } finally {
      await session.close().catch(() => undefined);
    }
    await this.refreshDerived();
  }

  /** Brings searchText, enText and sortKey of every node up to DERIVED_VERSION, page by page. */
  private async refreshDerived(): Promise<void> {
    const version = await this.read(async (run) => (await run<{ version: number | null }>('store_meta'))[0].version);
    if (version === DERIVED_VERSION) return;
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
    await this.driver.close();
  }

  /** Asks once, without the driver's retries, so /health answers quickly during an outage. */
  async health(): Promise<Health> {
    const session = this.session('READ');
    try {
      this.calls.count++;
      const res = await session.run(this.q.text('health'), {}, { timeout: DRIVER_TIMING.healthTimeout });
      const row = res.records[0].toObject() as { nodes: number; edges: number };
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
      const counts = new Map(row.byType.map((t) => [t.type, t.count]));
      return {
        nodes: row.byType.reduce((s, t) => s + t.count, 0),
        edges: row.edges,
        reports: counts.get('REPORT') ?? 0,
        byType: NODE_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! })),
      };
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

  /**
   * Candidates from Neo4j (indexed substrings of the name keys and of the English words),
   * filtered by types and topics there, ranked by server/store/search.ts here.
   */
  search(text: string, types: readonly NodeType[] | undefined, first: number, topics?: readonly string[]): Promise<GraphNode[]> {
    const q = searchKey(text);
    const filters = { types: types?.length ? [...types] : null, ...topicFilter(topics) };
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
      return hits.sort(compareMatches).slice(0, first).map((h) => h.node);
    });
  }

  /** The embedded store's walk, one statement per depth level plus the start and the result. */
  neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number, topics?: readonly string[]): Promise<Subgraph | null> {
    return this.read(async (run) => {
      const [start] = await this.nodesById(run, [id]);
      if (!start) return null;
      const kept = await selectNeighborhood(id, depth, types, limit, async (frontier) => {
        const rows = await run<{ id: string; edges: LevelEdge[] }>('neighborhood_level', { ids: frontier, ...topicFilter(topics) });
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

  /** Every reform's context from one statement, scored for each id asked, then the via nodes in one more. */
  relatedReformsMany(ids: readonly string[], first: number): Promise<Array<RelatedReform[] | null>> {
    return this.read(async (run) => {
      const [row] = await run<{ reforms: NodeRow[]; edges: BareEdge[]; nodes: Array<{ id: string; type: NodeType }> }>('related_context', {
        contextTypes: [...CONTEXT_TYPES],
      });
      const reforms = row.reforms.map(toNode);
      const { contexts, df } = reformContexts(reforms, row.edges, row.nodes);
      const rankedFor = ids.map((id) => {
        const target = reforms.find((r) => r.id === id);
        if (!target) return null;
        const others = reforms.filter((r) => r.id !== id).sort(byId).map((node) => ({ node, ctx: contexts.get(node.id)! }));
        return rankRelated(target, contexts.get(id)!, others, df, contexts.size, first);
      });
      const viaIds = [...new Set(rankedFor.flatMap((ranked) => (ranked ?? []).flatMap((r) => r.via)))];
      const via = new Map<string, GraphNode>();
      if (viaIds.length) for (const n of await this.nodesById(run, viaIds)) if (n) via.set(n.id, n);
      return rankedFor.map((ranked) => ranked && ranked.map((r) => ({ reform: r.reform, score: r.score, via: r.via.map((v) => via.get(v)!).filter(Boolean) })));
    });
  }

  reports(): Promise<GraphNode[]> {
    return this.read(async (run) =>
      (await run<{ node: NodeRow }>('reports'))
        .map((r) => toNode(r.node))
        .sort((a, b) => Number(a.props.year ?? 0) - Number(b.props.year ?? 0) || compareNames(a, b)),
    );
  }

  /**
   * One write transaction, the embedded store's rules: a known report id changes nothing; an
   * earlier edition (same agency and year) is removed first; the report's nodes and edges are
   * merged into what the graph holds (merge in TypeScript, then batched UNWIND writes).
   */
  writeReport(x: Extraction): Promise<WriteResult> {
    return this.write(async (run) => {
      await run('write_lock');
      const [{ type }] = await run<{ type: string | null }>('node_type', { id: x.report.id });
      if (type !== null) return { created: false };
      const edition = editionKey(x.report);
      const replaced = edition === null ? undefined : (await run<{ id: string }>('find_edition', { edition, id: x.report.id }))[0]?.id;
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
      await run('write_lock');
      const [{ type }] = await run<{ type: string | null }>('node_type', { id });
      if (type !== 'REPORT') return false;
      await run('remove_report', { reportId: id });
      return true;
    });
  }

  /**
   * Replaces the whole graph with these reports' graphs in one write transaction (the embedded
   * store's rebuild: every report merged in order, no edition replacement).
   */
  rebuild(xs: Extraction[]): Promise<void> {
    return this.write(async (run) => {
      await run('write_lock');
      await run('clear_graph');
      const nodes = new Map<string, GraphNode>();
      const edges = new Map<string, GraphEdge>();
      const reports = new Map<string, { text: string; edition: string | null }>();
      for (const x of xs) {
        for (const n of x.nodes) nodes.set(n.id, mergeNode(nodes.get(n.id), n));
        for (const e of x.edges) edges.set(e.id, mergeEdge(edges.get(e.id), e));
        reports.set(x.report.id, { text: x.text, edition: editionKey(x.report) });
      }
      for (const chunk of chunks([...nodes.values()], WRITE_BATCH)) await run('write_nodes', { nodes: chunk.map((n) => nodeRow(n, reports.get(n.id))) });
      let written = 0;
      for (const chunk of chunks([...edges.values()], WRITE_BATCH)) written += (await run<{ written: number }>('write_edges', { edges: chunk.map(edgeRow) }))[0].written;
      if (written !== edges.size) throw new Error(`rebuild: ${edges.size - written} of ${edges.size} edges have an end that is not in the graph`);
    });
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

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.cfg.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private read<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transact('READ', work);
  }

  private write<T>(work: (run: Run) => Promise<T>): Promise<T> {
    return this.transact('WRITE', work);
  }

  /** A session for this call and one managed transaction in it (the driver retries transient failures). */
  private async transact<T>(mode: 'READ' | 'WRITE', work: (run: Run) => Promise<T>): Promise<T> {
    const session = this.session(mode);
    const txWork = (tx: ManagedTransaction) => {
      const run: Run = async <Row>(name: QueryName, params: Record<string, unknown> = {}) => {
        this.calls.count++;
        const res = await tx.run(this.q.text(name), params);
        return res.records.map((r) => r.toObject() as Row);
      };
      return work(run);
    };
    const config = { timeout: DRIVER_TIMING.transactionTimeout };
    try {
      return await (mode === 'READ' ? session.executeRead(txWork, config) : session.executeWrite(txWork, config));
    } catch (e) {
      throw toStoreError(e, this.cfg.uri);
    } finally {
      await session.close().catch(() => undefined);
    }
  }
}

/** The topic filter's parameters: no topics, no filter; else nodes of topical types must be in one. */
function topicFilter(topics: readonly string[] | undefined) {
  return { topics: topics?.length ? [...topics] : null, topical: TOPICAL };
}

/** Rows per UNWIND statement when a write is large (rebuild). */
const WRITE_BATCH = 2000;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function dedupe<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.id) && !!seen.add(x.id));
}
