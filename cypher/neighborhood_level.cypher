// One breadth-first level: each frontier node's edges (both directions) with the type of the
// node at the other end. The walk itself runs in TypeScript (server/store/neo4j/neighborhood.ts).
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r]-(b:Node)
RETURN id, collect({id: r.id, source: startNode(r).id, target: endNode(r).id, otherType: b.type}) AS edges
