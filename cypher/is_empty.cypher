// Does the graph hold no node at all (seeding happens only then)?
RETURN NOT EXISTS { MATCH (:Node) } AS empty
