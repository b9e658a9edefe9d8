// Empty search text: the first $first nodes of the types (and topics and reports, as in search_contains),
// in name order then id order (sortKey orders like JavaScript's string comparison, see
// server/store/neo4j/mapping.ts). $light as in search_contains.cypher.
MATCH (n:Node)
WHERE ($types IS NULL OR n.type IN $types)
  AND ($topics IS NULL OR NOT n.type IN $topical OR EXISTS { (n)-[:IN_TOPIC]->(t:Node) WHERE t.id IN $topics })
  AND ($reports IS NULL OR size(coalesce(n.mReport, [])) = 0 OR any(r IN n.mReport WHERE r IN $reports))
WITH n ORDER BY n.sortKey
LIMIT $first
RETURN CASE WHEN $bare THEN n {.id, .type, .name, .aliases, .props_json}
  WHEN $light THEN n {.id, .type, .name, .aliases, .props_json, reportIds: COLLECT { UNWIND coalesce(n.mReport, []) AS r RETURN DISTINCT r }}
  ELSE n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} END AS node
