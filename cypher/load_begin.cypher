// A bulk load written over several transactions starts: until load_end.cypher removes this
// marker, the graph may be half-written, and stores refuse to serve it (init, health, writes).
MERGE (m:StoreMeta {id: 'loading'})
SET m.since = toString(datetime()), m.nodes = $nodes, m.edges = $edges
RETURN m.since AS since
