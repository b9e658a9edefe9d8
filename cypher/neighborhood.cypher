// A node's neighbourhood, chosen as the embedded store chooses it (MemoryStore.neighborhood), in
// one statement: breadth first from $id, $depth levels, at most $limit nodes. Per level, each
// frontier node in keeping order, its edges (both directions) in id order: the node at the
// other end is kept if it is new, of one of $types (null: any), in the topics (a node of a
// $topical type must be IN_TOPIC of one of $topics; null: no filter) and stated by one of
// $reports (a place filter; a node no report states passes; null: no filter), while fewer than
// $limit are kept. So a node's place in the order is its first (frontier index, edge id).
// Neighborhood.ts repeats the block between the level marks once per level ($depth times).
// Then the kept nodes in keeping order and the edges among them from each kept source (sorted
// by id in TypeScript: Cypher orders strings by code point, JavaScript by UTF-16 unit).
MATCH (s:Node {id: $id})
WITH [s] AS kept, [s] AS frontier
/*level*/
CALL (kept, frontier) {
  UNWIND range(0, size(frontier) - 1) AS i
  WITH frontier[i] AS a, i
  MATCH (a)-[e]-(b:Node)
  WHERE NOT b IN kept
    AND ($types IS NULL OR b.type IN $types)
    AND ($topics IS NULL OR NOT b.type IN $topical OR EXISTS { (b)-[:IN_TOPIC]->(t:Node) WHERE t.id IN $topics })
    AND ($reports IS NULL OR size(coalesce(b.mReport, [])) = 0 OR any(r IN b.mReport WHERE r IN $reports))
  WITH b, i, min(e.id) AS k
  ORDER BY i, k
  WITH b, head(collect([i, k])) AS first
  ORDER BY first[0], first[1]
  RETURN collect(b) AS found
}
WITH kept, found[0..CASE WHEN $limit > size(kept) THEN $limit - size(kept) ELSE 0 END] AS next
WITH kept + next AS kept, next AS frontier
/*end level*/
// $light: the caller reads no mentions of the nodes (their distinct report ids instead) nor of the edges.
RETURN [n IN kept | CASE WHEN $light THEN n {.id, .type, .name, .aliases, .props_json, reportIds: COLLECT { UNWIND coalesce(n.mReport, []) AS r RETURN DISTINCT r }}
                    ELSE n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} END] AS nodes,
  COLLECT {
    UNWIND kept AS a
    MATCH (a)-[r]->(b:Node)
    WHERE b IN kept
    RETURN CASE WHEN $light THEN {id: r.id, type: type(r), source: a.id, target: b.id, props_json: r.props_json}
      ELSE {id: r.id, type: type(r), source: a.id, target: b.id, props_json: r.props_json, mReport: r.mReport, mStart: r.mStart, mEnd: r.mEnd} END
  } AS edges
