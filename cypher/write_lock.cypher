// Taken first by every write transaction: writers queue on this node until the holder commits,
// so "is this report new?" and "which edition does it replace?" are answered under the lock.
MERGE (l:WriteLock {id: 'graph'})
SET l.at = timestamp()
RETURN l.id AS id
