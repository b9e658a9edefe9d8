// Bulk load (rebuild): creates edges of one type ($type, a parameter: dynamic relationship
// type) between nodes written before; the ends are found through the node_id constraint's index.
// An edge whose end is missing is not created: the caller compares `written` with its rows.
UNWIND $edges AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
CREATE (a)-[r:$($type) {id: row.id}]->(b)
SET r.props_json = row.props_json, r.mReport = row.mReport, r.mStart = row.mStart, r.mEnd = row.mEnd
RETURN count(r) AS written
