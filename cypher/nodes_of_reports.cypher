// The nodes each report states (a mention in it), one row per report id asked; sorted in
// TypeScript (compareNames). One pass over the nodes, however many reports are asked about.
MATCH (n:Node)
WHERE any(r IN n.mReport WHERE r IN $ids)
UNWIND [r IN $ids WHERE r IN n.mReport] AS id
RETURN id, collect(n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd}) AS nodes
