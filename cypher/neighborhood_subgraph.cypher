// The kept nodes of a neighbourhood and the edges among them (each edge from its source).
CALL () {
  UNWIND $ids AS id
  MATCH (n:Node {id: id})
  RETURN collect(n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd}) AS nodes
}
CALL () {
  UNWIND $ids AS id
  MATCH (a:Node {id: id})-[r]->(b:Node)
  WHERE b.id IN $ids
  RETURN collect({id: r.id, type: type(r), source: a.id, target: b.id, props_json: r.props_json,
                  mReport: r.mReport, mStart: r.mStart, mEnd: r.mEnd}) AS edges
}
RETURN nodes, edges
