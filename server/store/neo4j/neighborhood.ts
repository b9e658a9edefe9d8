import type { NodeType } from '../../model/types';

/** An edge seen from a frontier node, with the type of the node at its other end. */
export interface LevelEdge {
  id: string;
  source: string;
  target: string;
  otherType: NodeType;
  /** The other end passes the topic filter (always true without one). */
  otherInTopics: boolean;
  /** The other end is stated by one of the place filter's reports (always true without one). */
  otherInReports: boolean;
}

/**
 * The embedded store's breadth-first selection (MemoryStore.neighborhood), level by level: per
 * frontier node, its edges in id order; the other end is kept if new, of an allowed type, in
 * the topics, and while fewer than `limit` nodes are kept. `level` fetches the edges of a whole frontier in one
 * call, so a walk costs one store round trip per depth. Returns the kept ids in keeping order.
 */
export async function selectNeighborhood(
  start: string, depth: number, types: readonly NodeType[] | undefined, limit: number,
  level: (frontier: string[]) => Promise<Map<string, LevelEdge[]>>,
): Promise<string[]> {
  const keep = new Set<string>([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length && keep.size < limit; d++) {
    const edgesOf = await level(frontier);
    const next: string[] = [];
    for (const at of frontier) {
      for (const e of edgesOf.get(at) ?? []) {
        const other = e.source === at ? e.target : e.source;
        if (keep.has(other)) continue;
        if ((types?.length && !types.includes(e.otherType)) || !e.otherInTopics || !e.otherInReports) continue;
        if (keep.size >= limit) break;
        keep.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return [...keep];
}
