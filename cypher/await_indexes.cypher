// Waits until every index is online (after schema.cypher created them), at most $seconds.
CALL db.awaitIndexes($seconds)
