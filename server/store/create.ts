import type { Config } from '../config';
import { MemoryStore } from './memory/memoryStore';
import { openMemoryReadOnly } from './memory/readOnly';
import type { GraphStore } from './store';

export async function createStore(config: Config): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    // Loaded only when chosen: the embedded store needs no driver.
    const { Neo4jStore } = await import('./neo4j/neo4jStore');
    return new Neo4jStore(config.neo4j);
  }
  return new MemoryStore(config.dataDir, config.compaction);
}

/**
 * A store opened for reading only (export), beside a server that may be writing it: the
 * embedded one takes no lock and writes nothing; Neo4j serves both anyway.
 */
export async function openStoreForReading(config: Config): Promise<GraphStore> {
  if (config.store === 'memory') return openMemoryReadOnly(config.dataDir);
  const store = await createStore(config);
  await store.init();
  return store;
}
