// Nodes by id with the walks a nested GraphQL selection will make from them, in one statement
// (Neo4jStore.prefetch). server/store/neo4j/prefetch.ts fills the places marked by comments
// from the request's plan; as it stands (no walks) it is a complete statement.
// - the walks mark: one item per planned walk in each node's list ([id asked, its id, ...]):
//   pattern comprehensions, one per step, nested (the tree: lists of ids, and of names where the
//   nodes are slim; cheap, whatever a hub is repeated in it).
// - the reached mark: prefetch_reached.cypher, the nodes the walks asked for in full reach
//   (`reached`), each once, whatever the number of paths that reach it (a hub's mention lists
//   would otherwise be repeated for every measure naming it).
// - the starts mark: the start nodes sent slim where the plan asks no more of them than id,
//   type and name; the full mark: the lists of nodes sent in full besides the start nodes
//   (`+ reps`, `+ reached`).
// What the plan asks of the nodes asked for themselves (Plan.edges, snippets, mentionReports)
// comes in the same statement: the reports mark takes prefetch_reports.cypher (the reports
// stating them, `reps`, which the reps mark passes on and the reached branches start from too),
// the extras mark the columns of prefetch_edges.cypher and prefetch_snippets.cypher.
// Every node is a list, not a map (no key crosses the wire): [id, type, name] where slim, else
// [id, type, name, aliases, props_json, mReport, mStart, mEnd]. A node can come twice (a start
// node a walk reaches too); the reader keeps it once, in full if either is. List comprehensions
// over what is at hand, not a CALL aggregating a UNION: the planner's cheapest shape, where
// the node query's statement spends most of its time.
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
WITH collect([id, n.id /*walks*/]) AS roots, collect(n) AS starts
/*reports*/
/*reached*/
RETURN roots, /*starts*/[m IN starts/*full*/ | [m.id, m.type, m.name, m.aliases, m.props_json, m.mReport, m.mStart, m.mEnd]] AS nodes /*extras*/
