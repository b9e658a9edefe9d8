import type { Config } from '../config';
import { MemoryStore } from './memory/memoryStore';
import type { GraphStore } from './store';

export async function createStore(config: Config): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    throw new Error('KG_STORE=neo4j: the Neo4j store is not built yet (see the README); use KG_STORE=memory');
  }
  return new MemoryStore(config.dataDir);
}
