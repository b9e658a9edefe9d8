// The type of the node with this id (null when there is none).
OPTIONAL MATCH (n:Node {id: $id})
RETURN n.type AS type
