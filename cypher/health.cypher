// Size of the graph for /health (both counts come from Neo4j's count store).
MATCH (n:Node)
WITH count(n) AS nodes
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS edges
}
RETURN nodes, edges
