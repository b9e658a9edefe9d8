// One breadth-first level: each frontier node's edges (both directions) with the type of the
// node at the other end, and whether that node passes the topic filter and the place filter
// ($reports: the reports of the bureaus in a province or of a level; as in search_all).
// The walk itself runs in TypeScript (server/store/neo4j/neighborhood.ts).
UNWIND $ids AS id
MATCH (a:Node {id: id})-[r]-(b:Node)
RETURN id, collect({id: r.id, source: startNode(r).id, target: endNode(r).id, otherType: b.type,
                    otherInTopics: $topics IS NULL OR NOT b.type IN $topical
                                   OR EXISTS { (b)-[:IN_TOPIC]->(t:Node) WHERE t.id IN $topics },
                    otherInReports: $reports IS NULL OR size(coalesce(b.mReport, [])) = 0
                                    OR any(r IN b.mReport WHERE r IN $reports)}) AS edges
