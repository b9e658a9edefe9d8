// Search: nodes whose name keys contain $q (searchText joins the keys of the name, the aliases
// and the English name, one per line), and with $enWord (" " + the longest query word, or null)
// nodes whose English name has a word beginning with it. Of the types, in the topics: a node of
// a $topical type must be IN_TOPIC of one of $topics ($topics null: no filter); with $reports (a
// place filter), a node that reports state must be stated by one of them. Ranked here as
// server/store/search.ts matchRank and compareMatches rank them: 0 the name is $q, 1 an alias
// or the English name is, 2 a key starts with it, 3 one contains it, else 4 + (words of the
// English name not asked) / 100 when every query word begins one of them ($enWords: each after
// a space, or null); then $typeRank,
// more mentions first, shorter names (in UTF-16 units, as JavaScript counts: the name part of
// sortKey has one code point per unit), name and id (sortKey). Only the best $first are sent.
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
WITH n, split(n.searchText, '\n') AS keys
WITH n, CASE
  WHEN keys[0] = $q THEN 0
  WHEN any(k IN keys[1..] WHERE k = $q) THEN 1
  WHEN any(k IN keys WHERE k STARTS WITH $q) THEN 2
  WHEN any(k IN keys WHERE k CONTAINS $q) THEN 3
  WHEN $enWords IS NOT NULL AND n.enText IS NOT NULL AND all(w IN $enWords WHERE n.enText CONTAINS w)
    THEN 4 + toFloat(CASE WHEN size(split(n.enText, ' ')) - 1 > size($enWords) THEN size(split(n.enText, ' ')) - 1 - size($enWords) ELSE 0 END) / 100
  END AS rank
WHERE rank IS NOT NULL
WITH n ORDER BY rank, $typeRank[n.type], size(coalesce(n.mReport, [])) DESC, size(split(n.sortKey, '𐀀')[0]), n.sortKey
LIMIT $first
// $light: the caller reads no mentions: the distinct report ids instead (Neo4jStore.search);
// $bare: nor those (a hub's would be thousands of ids).
RETURN CASE WHEN $bare THEN n {.id, .type, .name, .aliases, .props_json}
  WHEN $light THEN n {.id, .type, .name, .aliases, .props_json, reportIds: COLLECT { UNWIND coalesce(n.mReport, []) AS r RETURN DISTINCT r }}
  ELSE n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} END AS node
