import type { Config } from '../config';
import { MemoryStore } from './memory/memoryStore';
import type { GraphStore } from './store';

export async function createStore(config: Config): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    // Loaded only when chosen: the embedded store needs no driver.
    const { Neo4jStore } = await import('./neo4j/neo4jStore');
    return new Neo4jStore(config.neo4j);
  }
  return new MemoryStore(config.dataDir, config.compaction);
}
