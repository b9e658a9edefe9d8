// Creates or overwrites nodes (already merged with what the graph held, in TypeScript).
// $nodes rows: id, label (from the NodeType), type, name, aliases, the derived searchText,
// enText and sortKey, props_json, mReport/mStart/mEnd (mentions as parallel lists) with
// mSnippetAt/mSnippet (each mention's snippet, beside it), and for the report node text and edition.
UNWIND $nodes AS row
MERGE (n:Node {id: row.id})
SET n:$(row.label)
SET n.type = row.type, n.name = row.name, n.aliases = row.aliases,
    n.searchText = row.searchText, n.enText = row.enText, n.sortKey = row.sortKey, n.props_json = row.props_json,
    n.mReport = row.mReport, n.mStart = row.mStart, n.mEnd = row.mEnd, n.mSnippetAt = row.mSnippetAt, n.mSnippet = row.mSnippet,
    n.text = coalesce(row.text, n.text), n.edition = coalesce(row.edition, n.edition)
RETURN count(n) AS written
