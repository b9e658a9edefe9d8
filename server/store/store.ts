import type { EdgeType, Extraction, GraphEdge, GraphNode, NodeType, RelatedReform, Stats, Subgraph } from '../model/types';
import type { Plan, Prefetched } from './plan';

export type Direction = 'out' | 'in' | 'both';

export interface Health {
  ok: boolean;
  nodes: number;
  edges: number;
  reason?: string;
}

export interface WriteOptions {
  /**
   * The id of a stored report this extraction replaces, whatever its agency and year (the same
   * text re-read with corrected metadata keeps its id): removed and written in one step.
   */
  replace?: string;
}

export interface WriteResult {
  created: boolean;
  /** Ids of an earlier version of the same report that this one replaced. */
  replaced?: string;
}

/**
 * What the GraphQL layer needs from a graph store. Both the embedded store and the Neo4j store
 * implement it with the same behaviour; batch methods exist so one GraphQL request costs a
 * bounded number of store calls whatever its nesting.
 */
export interface GraphStore {
  readonly kind: 'memory' | 'neo4j';
  /** What init found wrong but could go on from (a torn last journal line it dropped); printed at start. */
  readonly warnings?: readonly string[];
  init(): Promise<void>;
  close(): Promise<void>;
  health(): Promise<Health>;
  isEmpty(): Promise<boolean>;
  stats(): Promise<Stats>;
  getNodes(ids: readonly string[]): Promise<Array<GraphNode | null>>;
  /** Edges touching each id, in the given direction, optionally of some types only. */
  edgesOf(ids: readonly string[], direction: Direction, types?: readonly EdgeType[]): Promise<GraphEdge[][]>;
  reportTexts(ids: readonly string[]): Promise<Array<string | null>>;
  /** The nodes each report states (a mention in it), by name then id; none for an unknown id. */
  nodesOfReports(ids: readonly string[]): Promise<GraphNode[][]>;
  /**
   * Optional: these nodes and every walk of the plan from them, in one call (a store whose
   * round trips are costly answers a nested query at once; the embedded store has none).
   */
  prefetch?(ids: readonly string[], plan: Plan): Promise<Prefetched>;
  /**
   * `topics`: only nodes in one of these topics; types that never carry a topic pass.
   * `reports`: only nodes one of these reports states (a place filter: the reports of the
   * bureaus in a province or of a level); a node no report states passes.
   * `light`: the caller reads nothing of the nodes' mentions but their report ids, so a store
   * whose round trips are costly may send them without (mentions empty, the distinct report ids
   * in lightReportIds); 'bare': nor their report ids (mentions empty, nothing in lightReportIds).
   * A store that holds them in memory ignores it.
   */
  search(text: string, types: readonly NodeType[] | undefined, first: number, topics?: readonly string[], reports?: readonly string[], light?: boolean | 'bare'): Promise<GraphNode[]>;
  /** `light`: as search's (a store may send the nodes without mentions, see lightReportIds). */
  neighborhood(id: string, depth: number, types: readonly NodeType[] | undefined, limit: number, topics?: readonly string[], reports?: readonly string[], light?: boolean): Promise<Subgraph | null>;
  relatedReforms(id: string, first: number): Promise<RelatedReform[] | null>;
  /** The same for several reforms in one call (a query asking `related` of every reform). */
  relatedReformsMany(ids: readonly string[], first: number): Promise<Array<RelatedReform[] | null>>;
  reports(): Promise<GraphNode[]>;
  /** Writes one report's graph whole or not at all. Same text again: created = false. */
  writeReport(x: Extraction, opts?: WriteOptions): Promise<WriteResult>;
  deleteReport(id: string): Promise<boolean>;
  /** Every node, edge and report text (for GraphML/GEXF/CSV exports). */
  exportGraph(): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; texts: Map<string, string> }>;
  /** Replaces the whole graph with these reports' graphs, atomically (after a curation decision). */
  rebuild(xs: Extraction[]): Promise<void>;
}

/**
 * The store cannot be reached (its database stopped, unreachable, refusing our credentials, or
 * holding a half-written graph). Store-neutral: the API maps it to its own error in one place
 * (server/http/errors.ts, code STORE_UNAVAILABLE, the message passed through).
 */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** The distinct report ids (in mention order) of nodes a store sent light (without their mentions). */
export const lightReportIds = new WeakMap<GraphNode, readonly string[]>();
