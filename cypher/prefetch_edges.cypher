// A piece of prefetch.cypher (a column at its extras mark; Plan.edges): every edge of each node
// asked for, both ways, as [edge, type, starts at the node, ends at it, the node at the other
// end]; the end mark takes that node's projection (light: without mentions).
[n IN starts | [n.id, [(n)-[e]-(o:Node) | [e {.id, .props_json, .mReport, .mStart, .mEnd}, type(e), startNode(e) = n, endNode(e) = n, o /*end*/]]]] AS rootEdges
