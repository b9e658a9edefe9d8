// Nodes per type and the number of edges.
MATCH (n:Node)
WITH n.type AS type, count(*) AS count
WITH collect({type: type, count: count}) AS byType
CALL () {
  MATCH ()-[r]->()
  RETURN count(r) AS edges
}
RETURN byType, edges
