// Removes one report's mentions from every edge and node (and a node mention's snippet beside
// it); what no other report states goes: edges left without mentions, then nodes left without
// mentions (with all their edges).
CALL () {
  MATCH ()-[r]->()
  WHERE $reportId IN r.mReport
  WITH r, [i IN range(0, size(r.mReport) - 1) WHERE r.mReport[i] <> $reportId] AS keep
  SET r.mStart = [i IN keep | r.mStart[i]], r.mEnd = [i IN keep | r.mEnd[i]], r.mReport = [i IN keep | r.mReport[i]]
  WITH r
  WHERE size(r.mReport) = 0
  DELETE r
}
CALL () {
  MATCH (n:Node)
  WHERE $reportId IN n.mReport
  WITH n, [i IN range(0, size(n.mReport) - 1) WHERE n.mReport[i] <> $reportId] AS keep
  SET n.mStart = [i IN keep | n.mStart[i]], n.mEnd = [i IN keep | n.mEnd[i]], n.mReport = [i IN keep | n.mReport[i]],
    n.mSnippetAt = CASE WHEN n.mSnippetAt IS NOT NULL THEN [i IN keep | n.mSnippetAt[i]] END,
    n.mSnippet = CASE WHEN n.mSnippet IS NOT NULL THEN [i IN keep | n.mSnippet[i]] END
  WITH n
  WHERE size(n.mReport) = 0
  DETACH DELETE n
}
CALL () {
  MATCH (r:Report {id: $reportId})
  REMOVE r.text
}
