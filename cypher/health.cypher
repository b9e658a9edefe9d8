// Size of the graph for /health (both counts come from Neo4j's count store), and when an
// unfinished bulk load started (null: none), which makes the store unhealthy.
MATCH (n:Node)
WITH count(n) AS nodes
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS edges
}
OPTIONAL MATCH (m:StoreMeta {id: 'loading'})
RETURN nodes, edges, m.since AS loadingSince
