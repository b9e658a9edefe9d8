// Everything reformContext() (server/store/related.ts) looks at, for every reform at once:
// the reforms, the nodes implementing them (actors with the reforms), the actors' outgoing
// edges, the EVIDENCES into actors with the observations' OF edges, and the PART_OF edges out
// of indicators reached that way. Edges come back bare (id, type, ends), nodes as id + type;
// reforms in full (their names and aliases count for wording similarity).
MATCH (r:Reform)
OPTIONAL MATCH (m:Node)-[:IMPLEMENTS]->(r)
WITH collect(DISTINCT r) AS reforms, collect(DISTINCT m) AS implementers
WITH reforms, reforms + [x IN implementers WHERE NOT x IN reforms] AS actors
CALL (actors) {
  UNWIND actors AS a
  CALL (a) {
    MATCH (a)-[e]->(:Node)
    RETURN e
    UNION
    MATCH (:Node)-[e:EVIDENCES]->(a)
    RETURN e
    UNION
    MATCH (o:Node)-[:EVIDENCES]->(a)
    MATCH (o)-[e:OF]->(:Node)
    RETURN e
    UNION
    MATCH (a)-->(:Indicator)-[e:PART_OF]->(:Node)
    RETURN e
    UNION
    MATCH (o:Node)-[:EVIDENCES]->(a)
    MATCH (o)-[:OF]->(:Indicator)-[e:PART_OF]->(:Node)
    RETURN e
  }
  WITH DISTINCT e
  RETURN collect(e) AS rels
}
CALL (rels) {
  UNWIND rels AS e
  UNWIND [startNode(e), endNode(e)] AS n
  WITH DISTINCT n
  RETURN collect(n {.id, .type}) AS nodes
}
RETURN [x IN reforms | x {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd}] AS reforms,
       [e IN rels | {id: e.id, type: type(e), source: startNode(e).id, target: endNode(e).id}] AS edges,
       nodes
