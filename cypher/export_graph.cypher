// The whole graph for exports: every node, every edge, every report text.
CALL () {
  MATCH (n:Node)
  RETURN collect(n {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd}) AS nodes
}
CALL () {
  MATCH (a:Node)-[r]->(b:Node)
  RETURN collect({id: r.id, type: type(r), source: a.id, target: b.id, props_json: r.props_json,
                  mReport: r.mReport, mStart: r.mStart, mEnd: r.mEnd}) AS edges
}
CALL () {
  MATCH (r:Report)
  WHERE r.text IS NOT NULL
  RETURN collect({id: r.id, text: r.text}) AS texts
}
RETURN nodes, edges, texts
