import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from './seedStore';

export interface StoreFactory {
  name: string;
  /** A store holding exactly the seed graph. */
  open(): Promise<GraphStore>;
}

/**
 * The stores the API suite runs against, with the same expectations for each. The Neo4j store
 * joins this list when it exists (see tests/helpers/neo4j.ts).
 */
export function storeFactories(): StoreFactory[] {
  return [{ name: 'memory', open: async () => (await seededMemoryStore()).store }];
}
