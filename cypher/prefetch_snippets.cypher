// A piece of prefetch.cypher (a column at its extras mark; Plan.snippets): each node asked for
// with the snippets kept beside its mentions when it was written (mSnippetAt, mSnippet, lists
// parallel to its mentions; server/store/rules/sentences.ts snippetOf), so no report text is read.
[n IN starts | [n.id, n.mSnippetAt, n.mSnippet]] AS snippets
