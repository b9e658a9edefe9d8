// Empty search text: the first $first nodes of the types, in name order then id order
// (sortKey orders like JavaScript's string comparison, see server/store/neo4j/mapping.ts).
MATCH (n:Node)
WHERE $types IS NULL OR n.type IN $types
RETURN n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
ORDER BY n.sortKey
LIMIT $first
