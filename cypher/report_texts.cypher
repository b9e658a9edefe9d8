// The stored text of each report id (null for an unknown id).
UNWIND $ids AS id
OPTIONAL MATCH (r:Report {id: id})
RETURN id, r.text AS text
