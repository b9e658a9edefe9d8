// A piece of prefetch.cypher (a column at its extras mark; Plan.edges): every edge of each node
// asked for, both ways, as [edge id, type, starts at the node, props_json, mReport, mStart,
// mEnd, then the node at the other end: id, type, name, aliases, props_json]; the end mark
// takes that node's mentions where they are asked (full ends). Lists, not maps (no key crosses
// the wire); whether the edge ends at the node follows (it does unless it starts there, and a
// self-loop, whose other end is the node, does both).
[n IN starts | [n.id, [(n)-[e]-(o:Node) | [e.id, type(e), startNode(e) = n, e.props_json, e.mReport, e.mStart, e.mEnd, o.id, o.type, o.name, o.aliases, o.props_json /*end*/]]]] AS rootEdges
