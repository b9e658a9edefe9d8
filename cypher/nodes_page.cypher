// Nodes in id order after $after (null: from the start), $limit of them (for refreshing the
// derived properties of a whole graph page by page).
MATCH (n:Node)
WHERE $after IS NULL OR n.id > $after
RETURN n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
ORDER BY n.id
LIMIT $limit
