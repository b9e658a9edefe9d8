// Sets the derived properties (searchText, enText, sortKey) and the mentions' snippets
// (mSnippetAt, mSnippet) of existing nodes.
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n.searchText = row.searchText, n.enText = row.enText, n.sortKey = row.sortKey, n.mSnippetAt = row.mSnippetAt, n.mSnippet = row.mSnippet
