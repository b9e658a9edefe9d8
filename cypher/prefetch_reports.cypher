// A piece of prefetch.cypher (its reports mark; Plan.mentionReports): the reports stating the
// nodes asked for, each as a tree of the plan's walks from it (the report walks mark, filled
// as the walks mark is), and as `reps`, from which reached branches start too.
CALL (starts) {
  UNWIND starts AS s
  UNWIND s.mReport AS rid
  WITH DISTINCT rid
  MATCH (n:Node {id: rid})
  RETURN collect([n.id /*report walks*/]) AS reportTrees, collect(n) AS reps
}
