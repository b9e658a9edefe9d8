// Nodes by id with the walks a nested GraphQL selection will make from them, in one statement
// (Neo4jStore.prefetch). server/store/neo4j/prefetch.ts fills the two places marked by
// comments from the request's plan; as it stands (no walks) it is a complete statement.
// - the walks mark: one item per planned walk in each node's list ([id asked, its id, ...]):
//   pattern comprehensions, one per step, nested (the tree: lists of ids, and of names where the
//   nodes are slim; cheap, whatever a hub is repeated in it).
// - the reached mark: one UNION branch per planned walk: the nodes it reaches, by a chain of
//   MATCH clauses (separate clauses, as the nested comprehensions are, so an edge may be walked
//   again), each with `full`: whether the selection asks more of them than id, type and name.
// Every node reached is projected once, whatever the number of paths that reach it (a hub's
// mention lists would otherwise be repeated for every measure naming it): as get_nodes.cypher
// does when some branch asks for it in full, else only id, type and name. The aggregation runs
// in its own CALL, so the tree is not a grouping key.
// What the plan asks of the nodes asked for themselves (Plan.edges, snippets, mentionReports)
// comes in the same statement: the reports mark takes prefetch_reports.cypher (the reports
// stating them, `reps`, which the reps marks pass on and the reached branches start from too),
// the extras mark the columns of prefetch_edges.cypher and prefetch_snippets.cypher.
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
WITH collect([id, n.id /*walks*/]) AS roots, collect(n) AS starts
/*reports*/
CALL (starts /*reps*/) {
  CALL (starts /*reps*/) {
    UNWIND starts AS n
    RETURN n AS m, $full AS full
    /*reached*/
  }
  WITH m, true IN collect(full) AS full
  RETURN collect(CASE WHEN full THEN m {.id, .type, .name, .aliases, .props_json, .mReport, .mStart, .mEnd} ELSE m {.id, .type, .name} END) AS nodes
}
RETURN roots, nodes /*extras*/
