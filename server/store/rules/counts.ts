import { NODE_TYPES, type GraphNode, type NodeType, type Stats, type TypeCount } from '../../model/types';

/** Counts as stats and ingest answer them: types in NODE_TYPES order, absent types left out. */
export function typeCounts(counts: ReadonlyMap<NodeType, number>): TypeCount[] {
  return NODE_TYPES.filter((t) => counts.has(t)).map((type) => ({ type, count: counts.get(type)! }));
}

/** How many nodes of each type there are (a report's extraction, a whole graph). */
export function countByType(nodes: Iterable<GraphNode>): TypeCount[] {
  const counts = new Map<NodeType, number>();
  for (const n of nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  return typeCounts(counts);
}

/** The graph's stats from its nodes counted by type and its edge count. */
export function statsOf(counts: ReadonlyMap<NodeType, number>, edges: number): Stats {
  let nodes = 0;
  for (const c of counts.values()) nodes += c;
  return { nodes, edges, reports: counts.get('REPORT') ?? 0, byType: typeCounts(counts) };
}
