// Every reform's context, as reformContext() (server/store/related.ts) walks it, computed here
// so that only context ids cross the wire: the actors are the reform and the nodes implementing
// it; their outgoing edges (but IMPLEMENTS and PART_OF) and the OF edges of observations that
// EVIDENCE an actor lead to a context node (one of $contextTypes: platforms, units, indicators,
// problems, principles), and an indicator brings what it is PART_OF.
// Reforms in full (their names and aliases count for wording similarity).
MATCH (r:Reform)
CALL (r) {
  OPTIONAL MATCH (m:Node)-[:IMPLEMENTS]->(r)
  WITH r, collect(DISTINCT m) AS implementers
  UNWIND [r] + implementers AS a
  CALL (a) {
    MATCH (a)-[e]->(t:Node) WHERE NOT type(e) IN ['IMPLEMENTS', 'PART_OF']
    RETURN t
    UNION
    MATCH (o:Node)-[:EVIDENCES]->(a)
    MATCH (o)-[:OF]->(t:Node)
    RETURN t
  }
  WITH DISTINCT t
  WHERE t.type IN $contextTypes
  CALL (t) {
    RETURN t.id AS c
    UNION
    MATCH (t:Indicator)-[:PART_OF]->(p:Node)
    RETURN p.id AS c
  }
  RETURN collect(DISTINCT c) AS context
}
RETURN r {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} AS reform, context
