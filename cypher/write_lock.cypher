// Taken first by every write transaction: writers queue on this node until the holder commits,
// so "is this report new?" and "which edition does it replace?" are answered under the lock.
// loadingSince: a bulk load over several transactions is unfinished (load_begin.cypher).
MERGE (l:WriteLock {id: 'graph'})
SET l.at = timestamp()
WITH l
OPTIONAL MATCH (m:StoreMeta {id: 'loading'})
RETURN l.id AS id, m.since AS loadingSince
