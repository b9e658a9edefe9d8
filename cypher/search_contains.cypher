// Search candidates: nodes whose name keys contain $q (searchText joins the keys of the name,
// the aliases and the English name, one per line), and with $enWord (" " + a query word, or
// null) nodes whose English name has a word beginning with it. Of the types, in the topics:
// a node of a $topical type must be IN_TOPIC of one of $topics ($topics null: no filter); with
// $reports (a place filter), a node that reports state must be stated by one of them.
// Ranked in TypeScript (server/store/search.ts matchRank, compareMatches).
CALL () {
  MATCH (n:Node)
  WHERE n.searchText CONTAINS $q
  RETURN n
  UNION
  MATCH (n:Node)
  WHERE $enWord IS NOT NULL AND n.enText CONTAINS $enWord
  RETURN n
}
WITH n
WHERE ($types IS NULL OR n.type IN $types)
  AND ($topics IS NULL OR NOT n.type IN $topical OR EXISTS { (n)-[:IN_TOPIC]->(t:Node) WHERE t.id IN $topics })
  AND ($reports IS NULL OR size(coalesce(n.mReport, [])) = 0 OR any(r IN n.mReport WHERE r IN $reports))
RETURN n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
