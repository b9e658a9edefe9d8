// A graph written before writes carried a version (write_lock.cypher) gets one, so what a
// process derives from it (the related-reform index) can be kept from the first read on.
// Changes nothing when the graph has a version, or has never been written (no lock node).
MATCH (l:WriteLock {id: 'graph'})
WHERE l.version IS NULL
SET l.version = randomUUID()
RETURN count(l) AS set
