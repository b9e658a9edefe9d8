// The graph's version: changed by every write (write_lock.cypher); null before the first one.
OPTIONAL MATCH (l:WriteLock {id: 'graph'})
RETURN l.version AS version
