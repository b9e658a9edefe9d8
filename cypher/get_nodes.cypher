// Nodes by id (one row per id asked; node is null for an unknown id). Never the report text.
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
RETURN id, n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS node
