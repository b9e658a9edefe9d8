// Edges by id, looked up from their ends (rows of {id, source, target}); unknown ones are absent.
UNWIND $edges AS e
MATCH (a:Node {id: e.source})-[r]->(b:Node {id: e.target})
WHERE r.id = e.id
RETURN {id: r.id, type: type(r), source: a.id, target: b.id, props_json: r.props_json,
        mReport: r.mReport, mStart: r.mStart, mEnd: r.mEnd} AS edge
