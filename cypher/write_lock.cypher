// Taken first by every write transaction: writers queue on this node until the holder commits,
// so "is this report new?" and "which edition does it replace?" are answered under the lock.
// loadingSince: a bulk load over several transactions is unfinished (load_begin.cypher).
// version: new with every write, so a process can tell whether what it derived from the graph
// (the related-reform index) is still current (graph_version.cypher).
MERGE (l:WriteLock {id: 'graph'})
SET l.at = timestamp(), l.version = randomUUID()
WITH l
OPTIONAL MATCH (m:StoreMeta {id: 'loading'})
RETURN l.id AS id, m.since AS loadingSince
