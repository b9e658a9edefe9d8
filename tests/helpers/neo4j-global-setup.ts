// jest globalSetup: the local Neo4j for the Neo4j half of the API suite (see tests/helpers/neo4j.ts).
import { globalSetup } from './neo4j';

export default globalSetup;
