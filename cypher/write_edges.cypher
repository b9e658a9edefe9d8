// Creates or overwrites edges between existing nodes; the relationship type is the edge type,
// passed as a parameter (dynamic type, Neo4j 5.26+), never spliced into the text.
UNWIND $edges AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.props_json = row.props_json, r.mReport = row.mReport, r.mStart = row.mStart, r.mEnd = row.mEnd
RETURN count(r) AS written
