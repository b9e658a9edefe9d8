// A bulk load ends: the marker of load_begin.cypher goes only if the graph holds exactly the
// nodes and edges the load wrote ($nodes, $edges); the caller checks the counts returned.
MATCH (n:Node)
WITH count(n) AS nodes
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS edges
}
OPTIONAL MATCH (m:StoreMeta {id: 'loading'})
WITH nodes, edges, m, nodes = $nodes AND edges = $edges AS complete
FOREACH (_ IN CASE WHEN complete THEN [1] ELSE [] END | DELETE m)
RETURN nodes, edges, complete
