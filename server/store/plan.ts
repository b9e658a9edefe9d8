import type { EdgeType, GraphEdge, GraphNode, NodeType } from '../model/types';

/** One hop of a walk: along edges of these types in this direction, keeping nodes of these types. */
export interface Step {
  dir: 'out' | 'in';
  types: readonly EdgeType[];
  /** Keep only nodes of these types after this step. */
  to?: readonly NodeType[];
}

/** Names a walk (a list of steps), so walks can be cached per start node; each list's name is made once (resolvers ask per node). */
export function stepsKey(steps: readonly Step[]): string {
  let key = keys.get(steps);
  if (key === undefined) keys.set(steps, (key = steps.map((s) => `${s.dir}:${s.types.join('|')}:${s.to?.join('|') ?? '*'}`).join('/')));
  return key;
}

const keys = new WeakMap<readonly Step[], string>();

/**
 * What a GraphQL selection will walk from a set of nodes, found before it is resolved, so a
 * store can fetch it all in one statement: for each walk, the types of the nodes it starts from
 * (the GraphQL types whose field it answers) and what is then asked of the nodes it reaches.
 */
export interface Plan {
  walks: PlannedWalk[];
  /**
   * Whether the selection asks more of these nodes than id, type, name and relations: if not,
   * the store may send them slim (only id, type and name; see Prefetched.slim).
   */
  full: boolean;
  /**
   * Only on the plan of the nodes asked for (roots): what the selection asks of their edges and
   * mentions, so a store can send that in the same call. `edges`: every edge of each root, both
   * ways (fields edges, degree), with the node at the other end, light when nothing but id,
   * type, name, aliases and props is asked of it. `snippets`: the text around each mention
   * (quote, sentence), cut by the store where it holds the report texts, a sentence ending at
   * one of `stops`. `mentionReports`: the reports stating the roots, in full, with this plan's
   * walks from them.
   */
  edges?: { ends: 'full' | 'light' };
  snippets?: { stops: readonly string[] };
  mentionReports?: Plan;
}

export interface PlannedWalk {
  /** stepsKey(steps). */
  key: string;
  steps: readonly Step[];
  /** Only nodes of these types start this walk. */
  from: readonly NodeType[];
  next: Plan;
}

/** What a store fetched for a plan. */
export interface Prefetched {
  /** The nodes asked for, in the order asked (null: no such node). */
  roots: Array<GraphNode | null>;
  /** Every node reached by a walk, and the nodes asked for. */
  nodes: Map<string, GraphNode>;
  /** Ids of the nodes sent slim: only id, type and name are real (no aliases, mentions or props). */
  slim: Set<string>;
  /**
   * The nodes each walk reached from each node it started from, by walk key then start id,
   * without duplicates, in no order; slim: some of them are slim.
   */
  walks: Map<string, Map<string, { nodes: GraphNode[]; slim: boolean }>>;
  /** plan.edges: each root's edges, out and in, each list in id order. */
  edges?: Map<string, { out: GraphEdge[]; in: GraphEdge[] }>;
  /** plan.edges light: the other ends, without mentions (only for the edges' end fields). */
  ends?: Map<string, GraphNode>;
  /**
   * plan.snippets, by mentionKey (report, start, end): the text from the start of the quote's
   * sentence to the stop after it (or the text's end), and where it starts in the report. A
   * mention the store could not cut (a report whose text it cannot index like JavaScript) is absent.
   */
  snippets?: Map<string, { at: number; text: string }>;
}

/** A mention's key in Prefetched.snippets. */
export const snippetKey = (reportId: string, start: number, end: number) => `${start}:${end}:${reportId}`;
