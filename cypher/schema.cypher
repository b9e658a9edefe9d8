// Schema of the Neo4j store, applied by Neo4jStore.init() (idempotent: IF NOT EXISTS).
// Statements end with ';' at the end of a line; '//' lines are comments.

// Every node carries :Node plus one label per NodeType (its GraphQL type name); ids are unique
// under each. tests/api/neo4j-schema.test.ts checks that every NodeType and EdgeType is here.
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reform_id IF NOT EXISTS FOR (n:Reform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT observation_id IF NOT EXISTS FOR (n:Observation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT problem_id IF NOT EXISTS FOR (n:Problem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_document_id IF NOT EXISTS FOR (n:PolicyDocument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT principle_id IF NOT EXISTS FOR (n:Principle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;

// Edges are relationships typed by Edge.type; their ids are unique per type.
CREATE CONSTRAINT published_by_id IF NOT EXISTS FOR ()-[r:PUBLISHED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT carries_out_id IF NOT EXISTS FOR ()-[r:CARRIES_OUT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT implements_id IF NOT EXISTS FOR ()-[r:IMPLEMENTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT uses_id IF NOT EXISTS FOR ()-[r:USES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT involves_id IF NOT EXISTS FOR ()-[r:INVOLVES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT faces_id IF NOT EXISTS FOR ()-[r:FACES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT issues_id IF NOT EXISTS FOR ()-[r:ISSUES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT guided_by_id IF NOT EXISTS FOR ()-[r:GUIDED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT of_id IF NOT EXISTS FOR ()-[r:OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT evidences_id IF NOT EXISTS FOR ()-[r:EVIDENCES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT for_id IF NOT EXISTS FOR ()-[r:FOR]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT related_to_id IF NOT EXISTS FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT in_topic_id IF NOT EXISTS FOR ()-[r:IN_TOPIC]-() REQUIRE r.id IS UNIQUE;

// The one node every write transaction locks first (writes are serialised across processes),
// and the store's own bookkeeping (the version of the derived node properties).
CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT store_meta_id IF NOT EXISTS FOR (m:StoreMeta) REQUIRE m.id IS UNIQUE;

// Lookups: type filters and counts, empty-text listing in name order, substring search on the
// name keys and on the English words (TEXT indexes answer CONTAINS), a report's edition.
CREATE INDEX node_type IF NOT EXISTS FOR (n:Node) ON (n.type);
CREATE INDEX node_sort_key IF NOT EXISTS FOR (n:Node) ON (n.sortKey);
CREATE TEXT INDEX node_search_text IF NOT EXISTS FOR (n:Node) ON (n.searchText);
CREATE TEXT INDEX node_en_text IF NOT EXISTS FOR (n:Node) ON (n.enText);
CREATE INDEX report_edition IF NOT EXISTS FOR (n:Report) ON (n.edition);

// Full-text over names and aliases with Lucene's cjk analyzer (character bigrams), for fuzzy
// Chinese search from Cypher (see README.md for why `search` itself uses node_search_text).
// Eventually consistent: updated in the background, which halves the time of a report's write.
CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Node) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: true}};
