// Nodes by id as a write merges into them (one row per id asked; node is null for an unknown
// id): get_nodes.cypher's projection and the snippets kept beside the mentions.
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
RETURN id, n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd, .mSnippetAt, .mSnippet} AS node
