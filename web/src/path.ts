// The shortest connection between two nodes, found in the browser: a bidirectional breadth-first
// search over adjacency fetched level by level from GraphQL (the server has no path query).
import type { EdgeLite } from './api';

export interface PathResult {
  nodes: string[];
  edges: EdgeLite[];
  /** How many nodes the search looked at. */
  visited: number;
}

export type Adjacency = (ids: string[]) => Promise<Map<string, EdgeLite[]>>;

interface Seen {
  prev: string | null;
  edge: EdgeLite | null;
  depth: number;
}

/**
 * What a path between two practices may walk: a policy area (TOPIC) is a classification, not a
 * relation between the practices it groups, and a derived edge (shared wording) is a guess; both
 * make everything look two steps apart. The user can ask for them.
 */
export function practiceEdge(e: EdgeLite): boolean {
  return e.type !== 'IN_TOPIC' && !e.source.startsWith('topic:') && !e.target.startsWith('topic:') && !e.derived;
}

/** The kinds of relation a path walked, in the order met. */
export function relationKinds(p: PathResult): string[] {
  return [...new Set(p.edges.map((e) => e.type))];
}

export async function shortestPath(from: string, to: string, adjacency: Adjacency, opts: { maxLength?: number; maxVisited?: number; accept?: (e: EdgeLite) => boolean } = {}): Promise<PathResult | null> {
  const maxLength = opts.maxLength ?? 8;
  const accept = opts.accept ?? (() => true);
  const maxVisited = opts.maxVisited ?? 20000;
  if (from === to) return { nodes: [from], edges: [], visited: 1 };
  const sides = [new Map<string, Seen>([[from, { prev: null, edge: null, depth: 0 }]]), new Map<string, Seen>([[to, { prev: null, edge: null, depth: 0 }]])];
  const frontiers = [[from], [to]];
  let length = 0;
  while (frontiers[0].length && frontiers[1].length && length < maxLength && sides[0].size + sides[1].size < maxVisited) {
    const s = frontiers[0].length <= frontiers[1].length ? 0 : 1;
    const mine = sides[s];
    const theirs = sides[1 - s];
    const adj = await adjacency(frontiers[s]);
    const next: string[] = [];
    let best: { meet: string; total: number } | null = null;
    for (const at of frontiers[s]) {
      const d = mine.get(at)!.depth;
      for (const e of adj.get(at) ?? []) {
        if (!accept(e)) continue;
        const other = e.source === at ? e.target : e.source;
        if (mine.has(other)) continue;
        mine.set(other, { prev: at, edge: e, depth: d + 1 });
        next.push(other);
        const t = theirs.get(other);
        if (t && (!best || d + 1 + t.depth < best.total)) best = { meet: other, total: d + 1 + t.depth };
      }
    }
    length++;
    if (best) return { ...join(best.meet, sides[0], sides[1]), visited: sides[0].size + sides[1].size };
    frontiers[s] = next;
  }
  return null;
}

function join(meet: string, a: Map<string, Seen>, b: Map<string, Seen>): { nodes: string[]; edges: EdgeLite[] } {
  const left: string[] = [];
  const leftEdges: EdgeLite[] = [];
  for (let at: string | null = meet; at !== null; ) {
    const s: Seen = a.get(at)!;
    left.unshift(at);
    if (s.edge) leftEdges.unshift(s.edge);
    at = s.prev;
  }
  const nodes = [...left];
  const edges = [...leftEdges];
  for (let at = b.get(meet)!; at.prev !== null; at = b.get(at.prev)!) {
    nodes.push(at.prev);
    edges.push(at.edge!);
  }
  return { nodes, edges };
}
