import type { GraphEdge, GraphNode, Subgraph } from '../../model/types';
import type { MemoryGraph } from './graph';

/** Above this many edges a node's id-ordered list is the graph's kept copy (MemoryGraph.edgesOf); below, ordered afresh. */
const KEPT_ORDER = 64;

/**
 * The embedded store's neighbourhood: the rule of server/store/rules/neighborhood.ts (breadth
 * first, neighbours in edge-id order, kept while new and admitted, stopping at `limit`) walked
 * straight over the graph's lists, then every edge among the kept nodes in their order, then by
 * id. The same answer as breadthFirst over MemoryGraph.neighbours; written out because a depth-2
 * walk calls the neighbour reader hundreds of times and reads thousands of edges, and the
 * generator, the second lookup of every kept node and the map lookups of a sort comparator
 * were most of its cost.
 */
export function neighborhoodOf(g: MemoryGraph, start: GraphNode, depth: number, limit: number, admit: (n: GraphNode) => boolean): Subgraph {
  // Each kept node's place in keeping order, which orders the edges too.
  const at = new Map<string, number>([[start.id, 0]]);
  const nodes: GraphNode[] = [start];
  let frontier: GraphNode[] = [start];
  for (let d = 0; d < depth && frontier.length && nodes.length < limit; d++) {
    const next: GraphNode[] = [];
    walk: for (const from of frontier) {
      const id = from.id;
      for (const e of edgesInOrder(g, id)) {
        const other = e.source === id ? e.target : e.source;
        if (at.has(other)) continue;
        const n = g.nodes.get(other);
        if (!n || !admit(n)) continue;
        at.set(other, nodes.length);
        nodes.push(n);
        next.push(n);
        if (nodes.length >= limit) break walk;
      }
    }
    frontier = next;
  }
  return { nodes, edges: edgesAmong(g, nodes, at) };
}

/** A node's edges both ways (an edge to itself once), in id order. */
function edgesInOrder(g: MemoryGraph, id: string): readonly GraphEdge[] {
  const outs = g.edgesAt(id, 'out');
  const ins = g.edgesAt(id, 'in');
  if (outs.length + ins.length > KEPT_ORDER) return g.edgesOf(id, 'both');
  if (!ins.length) return outs.length < 2 ? outs : [...outs].sort(byId);
  const all = outs.slice();
  for (const e of ins) if (e.source !== id) all.push(e);
  return all.length < 2 ? all : all.sort(byId);
}

/**
 * Every edge between two kept nodes, grouped by its source's place, each group by id. Each edge
 * is found from its source's out-list, read for every node with few out-edges; the edges of the
 * few nodes with many (a bureau, a report) are found from whichever side costs less to read:
 * their own out-lists, or the in-lists of the kept nodes. A hub's thousands of edges are not read
 * for the few that stay inside.
 */
function edgesAmong(g: MemoryGraph, nodes: readonly GraphNode[], at: ReadonlyMap<string, number>): GraphEdge[] {
  const big = 4 * nodes.length + 64;
  const groups: Array<GraphEdge[] | undefined> = new Array(nodes.length);
  const wide: number[] = [];
  let wideCost = 0;
  let inCost = 0;
  for (let p = 0; p < nodes.length; p++) {
    const id = nodes[p].id;
    const outs = g.edgesAt(id, 'out');
    inCost += g.degree(id, 'in');
    if (outs.length > big) {
      wide.push(p);
      wideCost += outs.length;
    } else groups[p] = inside(outs, at);
  }
  if (wide.length && wideCost <= inCost) {
    for (const p of wide) groups[p] = inside(g.edgesAt(nodes[p].id, 'out'), at);
  } else if (wide.length) {
    const isWide = new Set(wide);
    for (const n of nodes) {
      for (const e of g.edgesAt(n.id, 'in')) {
        const p = at.get(e.source);
        if (p === undefined || !isWide.has(p)) continue;
        (groups[p] ??= []).push(e);
      }
    }
  }
  const edges: GraphEdge[] = [];
  for (const group of groups) {
    if (!group?.length) continue;
    if (group.length > 1) group.sort(byId);
    for (const e of group) edges.push(e);
  }
  return edges;
}

/** The edges of an out-list whose target is kept (undefined for none, the common case). */
function inside(outs: readonly GraphEdge[], at: ReadonlyMap<string, number>): GraphEdge[] | undefined {
  let kept: GraphEdge[] | undefined;
  for (const e of outs) if (at.has(e.target)) (kept ??= []).push(e);
  return kept;
}

const byId = (a: GraphEdge, b: GraphEdge) => (a.id < b.id ? -1 : 1);
