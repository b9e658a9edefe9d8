// Every report node (sorted in TypeScript, by year then name).
MATCH (n:Report)
RETURN n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
