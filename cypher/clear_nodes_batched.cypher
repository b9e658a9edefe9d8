// Second half of clearing a large graph (rebuild): every graph node, which has no edge left
// after clear_edges_batched.cypher (DETACH for safety), in transactions of 10,000.
MATCH (n:Node)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
