// Bulk load (rebuild): creates nodes of one label in a graph cleared beforehand, so CREATE is
// right (no lookup), and an id written twice fails on the uniqueness constraints instead of
// merging silently. $label is the label of every row's NodeType (a parameter: dynamic label).
// $nodes rows as write_nodes.cypher takes them.
UNWIND $nodes AS row
CREATE (n:Node:$($label) {id: row.id})
SET n.type = row.type, n.name = row.name, n.aliases = row.aliases,
    n.searchText = row.searchText, n.enText = row.enText, n.sortKey = row.sortKey, n.props_json = row.props_json,
    n.mReport = row.mReport, n.mStart = row.mStart, n.mEnd = row.mEnd, n.mSnippetAt = row.mSnippetAt, n.mSnippet = row.mSnippet,
    n.text = row.text, n.edition = row.edition
RETURN count(n) AS written
