import path from 'node:path';
import { DEFAULT_CURATION_FILE } from './curation/decisions';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store: 'memory' | 'neo4j';
  writeToken?: string;
  /** Curator decisions, re-applied after every ingest (reviewed in git). */
  curationFile: string;
  neo4j: { uri: string; user: string; password: string; database?: string };
}

export class ConfigError extends Error {}

/** Reads DESIGN section 7's environment, with its defaults; a bad value is an error, not a guess. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const store = (env.KG_STORE || 'memory').toLowerCase();
  if (store !== 'memory' && store !== 'neo4j') throw new ConfigError(`KG_STORE must be "memory" or "neo4j", not "${env.KG_STORE}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.KG_DATA_DIR || './data'),
    store,
    writeToken: env.KG_WRITE_TOKEN || undefined,
    curationFile: path.resolve(env.KG_CURATION_FILE || DEFAULT_CURATION_FILE),
    neo4j: {
      uri: env.NEO4J_URI || 'bolt://127.0.0.1:7687',
      user: env.NEO4J_USER || 'neo4j',
      password: env.NEO4J_PASSWORD || 'kg-local-dev',
      database: env.NEO4J_DATABASE || undefined,
    },
  };
}
