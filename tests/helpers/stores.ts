import type { GraphStore } from '../../server/store/store';
import { neo4jSkipReason, seededNeo4jStore } from './neo4j';
import { seededMemoryStore } from './seedStore';

export interface StoreFactory {
  name: string;
  /** A store holding exactly the seed graph. */
  open(): Promise<GraphStore>;
}

/**
 * The stores the API suite runs against, with the same expectations for each: the embedded
 * store always, the Neo4j store (on the test database jest's global setup seeded) unless this
 * run has no Neo4j, which the global setup announced (and KG_REQUIRE_NEO4J=1 forbids).
 * Suites given these stores only read them.
 */
export function storeFactories(): StoreFactory[] {
  const stores: StoreFactory[] = [{ name: 'memory', open: async () => (await seededMemoryStore()).store }];
  if (!neo4jSkipReason()) stores.push({ name: 'neo4j', open: seededNeo4jStore });
  return stores;
}
