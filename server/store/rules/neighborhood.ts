/**
 * The neighbourhood rule both stores answer by, without the store: breadth first from `start`,
 * level by level; per frontier node its neighbours in the order `neighbours` gives (the ends of
 * its edges in edge-id order); a neighbour is kept if new and admitted, until `limit` nodes are
 * kept. Past the limit nothing more can be kept, so the walk stops there: the rest of the
 * frontier (a hub's thousands of edges) is never read. Returns the kept ids in keeping order.
 */
export function breadthFirst(
  start: string, depth: number, limit: number,
  neighbours: (at: string) => Iterable<string>,
  admit: (id: string) => boolean,
): Set<string> {
  const keep = new Set<string>([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length && keep.size < limit; d++) {
    const next: string[] = [];
    walk: for (const at of frontier) {
      for (const other of neighbours(at)) {
        if (keep.has(other) || !admit(other)) continue;
        keep.add(other);
        next.push(other);
        if (keep.size >= limit) break walk;
      }
    }
    frontier = next;
  }
  return keep;
}
