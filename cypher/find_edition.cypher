// An earlier report of the same edition (same agency and year), which a new report replaces.
MATCH (r:Report {edition: $edition})
WHERE r.id <> $id
RETURN r.id AS id
ORDER BY id
LIMIT 1
