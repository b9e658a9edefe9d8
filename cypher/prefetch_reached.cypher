// A piece of prefetch.cypher (its reached mark): the nodes reached by the walks whose selection
// asks more of them than id, type and name, as `reached`. The branches mark takes one branch per
// such walk (a chain of MATCH clauses from the start nodes, or from the reports `reps`, which
// the reps marks pass on), joined by UNION, so each node comes once.
CALL (starts /*reps*/) {
  CALL (starts /*reps*/) {
    /*branches*/
  }
  RETURN collect(m) AS reached
}
