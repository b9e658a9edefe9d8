// Search candidates: nodes whose normalised names, aliases or English name contain $q
// (searchText joins their search keys with newlines). Ranked in TypeScript (server/store/search.ts).
MATCH (n:Node)
WHERE n.searchText CONTAINS $q AND ($types IS NULL OR n.type IN $types)
RETURN n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
