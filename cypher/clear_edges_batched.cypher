// First half of clearing a large graph (rebuild): every graph edge, in transactions of 10,000
// (one transaction for a whole graph, or for a hub's edges, exceeds the transaction memory).
// Auto-commit, as CALL { } IN TRANSACTIONS must be; the loading marker is set before
// (load_begin.cypher). clear_nodes_batched.cypher follows.
MATCH (:Node)-[r]->(:Node)
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS
