// Incoming edges of each id, optionally of some types only ($types null: all).
UNWIND $ids AS id
MATCH (a:Node {id: id})<-[r]-(b:Node)
WHERE $types IS NULL OR type(r) IN $types
RETURN id, collect({id: r.id, type: type(r), source: b.id, target: a.id, props_json: r.props_json,
                    mReport: r.mReport, mStart: r.mStart, mEnd: r.mEnd}) AS edges
