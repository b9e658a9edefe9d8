// jest globalTeardown: stops the local Neo4j if the global setup started it.
import { globalTeardown } from './neo4j';

export default globalTeardown;
