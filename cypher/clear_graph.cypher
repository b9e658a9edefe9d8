// Deletes every graph node with its edges (rebuild writes the whole graph again in the same
// transaction); schema and the write lock stay.
MATCH (n:Node)
DETACH DELETE n
