// A piece of prefetch.cypher (a column at its extras mark; Plan.snippets): for each mention of
// the nodes asked for, the text from the start of the quote's sentence (after the last of
// $stops before it, or the text's start) to the first stop at or after the quote's end
// (included; or the text's end), and where it starts: what server/graphql/resolvers.ts
// sentenceSpan reads of the text, so quote and sentence come out as from the whole text.
// Stops are looked for in $window characters either side first, in the whole text only when
// that window holds none. Only reports whose text has no character outside the BMP (bmpOnly,
// written with the text): Cypher counts code points, the offsets are UTF-16 units.
COLLECT {
  UNWIND starts AS n
  UNWIND range(0, size(coalesce(n.mReport, [])) - 1) AS i
  WITH DISTINCT n.mReport[i] AS rid, n.mStart[i] AS s, n.mEnd[i] AS e
  MATCH (r:Report {id: rid})
  WHERE r.bmpOnly AND r.text IS NOT NULL
  WITH rid, s, e, r.text AS t, CASE WHEN s > $window THEN $window ELSE s END AS w
  WITH rid, s, e, t, w, split(substring(t, s - w, w), $stops) AS before, split(substring(t, e, $window), $stops) AS after
  WITH rid, s, e, t,
    CASE WHEN size(before) > 1 OR w = s THEN s - size(last(before)) ELSE s - size(last(split(substring(t, 0, s), $stops))) END AS a,
    e + CASE WHEN size(after) > 1 OR $window + e >= size(t) THEN size(head(after)) ELSE size(head(split(substring(t, e), $stops))) END AS b
  RETURN [rid, s, e, a, substring(t, a, CASE WHEN b < size(t) THEN b + 1 ELSE size(t) END - a)]
} AS snippets
