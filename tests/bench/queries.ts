// The GraphQL operations the suite times, shared by the embedded and the Neo4j measurements.

/** A node with its relations: what the explorer's details panel asks for (web/src/api.ts details()). */
export const NODE_QUERY = `query BenchNode($id: ID!) {
  node(id: $id) {
    id type name nameEn aliases degree
    mentions { start end quote sentence report { id title year agency { id name } } }
    edges { id type source target derived score year status sourceNode { id type name nameEn } targetNode { id type name nameEn } }
    ... on Measure { status year section agency { id name } }
    ... on Observation { value unit year direction qualifier indicator { id name } agency { id name } }
    ... on Report { title year publishedOn agency { id name } }
    ... on Place { level }
  }
}`;

/**
 * The explorer's neighbourhood expansion (web/src/api.ts neighborhood()), depth 2, at most 300
 * nodes: each node with its distinct report ids (for the bureau/year filter).
 */
export const NEIGHBORHOOD_QUERY = `query BenchHood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 300) {
    nodes { id type name nameEn reportIds }
    edges { id type source target derived score year status }
  }
}`;

/** The same walk with nothing per node but its name: separates the store's walk from resolving node fields. */
export const NEIGHBORHOOD_BARE_QUERY = `query BenchHoodBare($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 300) { nodes { id type name } edges { id type source target } }
}`;

/** Search as such: the best 20 matches with their names (no per-mention resolution). */
export const SEARCH_QUERY = `query BenchSearch($text: String!) {
  search(text: $text, first: 20) { id type name aliases }
}`;

export const RELATED_QUERY = `query BenchRelated($id: ID!) {
  relatedReforms(id: $id, first: 10) { score reform { id name } via { id type name } }
}`;

/** The nested query of the Neo4j comparison: a reform, its measures with their bureau and platforms, its platforms and units. */
export const NESTED_QUERY_OURS = `query BenchNested($id: ID!) {
  node(id: $id) {
    id name
    ... on Reform {
      measures { id name agency { id name } platforms { id name } }
      platforms { id name }
      units { id name }
    }
  }
}`;

/** The same question for @neo4j/graphql (its generated root field and filter syntax). */
export const NESTED_QUERY_NEO4J_GRAPHQL = `query BenchNested($id: ID!) {
  reforms(where: { id: { eq: $id } }) {
    id name
    measures { id name agency { id name } platforms { id name } }
    platforms { id name }
    units { id name }
  }
}`;

/** Type definitions for @neo4j/graphql mapped onto our labels and relationship types (cypher/schema.cypher). */
export const NEO4J_GRAPHQL_TYPEDEFS = `
type Reform @node(labels: ["Reform"]) {
  id: ID!
  name: String!
  measures: [Measure!]! @relationship(type: "IMPLEMENTS", direction: IN)
  platforms: [Platform!]! @relationship(type: "USES", direction: OUT)
  units: [Unit!]! @relationship(type: "INVOLVES", direction: OUT)
}
type Measure @node(labels: ["Measure"]) {
  id: ID!
  name: String!
  agency: [Agency!]! @relationship(type: "CARRIES_OUT", direction: IN)
  platforms: [Platform!]! @relationship(type: "USES", direction: OUT)
}
type Agency @node(labels: ["Agency"]) {
  id: ID!
  name: String!
}
type Platform @node(labels: ["Platform"]) {
  id: ID!
  name: String!
}
type Unit @node(labels: ["Unit"]) {
  id: ID!
  name: String!
}
`;

/** The one hand-written Cypher statement that answers the nested query. */
export const NESTED_CYPHER = `MATCH (r:Reform {id: $id})
RETURN r {
  .id, .name,
  measures: [(r)<-[:IMPLEMENTS]-(m:Measure) | m {
    .id, .name,
    agency: [(m)<-[:CARRIES_OUT]-(a:Agency) | a {.id, .name}],
    platforms: [(m)-[:USES]->(p:Platform) | p {.id, .name}]
  }],
  platforms: [(r)-[:USES]->(p:Platform) | p {.id, .name}],
  units: [(r)-[:INVOLVES]->(u:Unit) | u {.id, .name}]
} AS reform`;
