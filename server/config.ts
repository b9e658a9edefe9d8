import path from 'node:path';
import { DEFAULT_CURATION_FILE } from './paths';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store: 'memory' | 'neo4j';
  writeToken?: string;
  /** Every write token with the name curation records for it (KG_WRITE_TOKENS, and KG_WRITE_TOKEN as "curator"). */
  writeTokens: Writers;
  /** Curator decisions, re-applied after every ingest (reviewed in git). */
  curationFile: string;
  neo4j: { uri: string; user: string; password: string; database?: string };
  /** When set, reading needs Authorization: Bearer <read or write token> too. */
  readToken?: string;
  /** Origins allowed to call the API from a browser; none unless KG_CORS_ORIGINS lists them. */
  corsOrigins: string[];
  limits: Limits;
  logLevel: string;
  /** JSON lines (default) or lines for a person (pretty). */
  logFormat: LogFormat;
  /** How long start-up waits for a store that does not answer yet (Neo4j still starting). */
  storeWaitSeconds: number;
  /** The embedded store folds its journal into a snapshot when it is this old or this large. */
  compaction: { compactSeconds: number; compactBytes: number };
}

/** What one request may ask and send (server/http/limits.ts says what each one refuses). */
export interface Limits {
  /** Deepest nesting of fields (introspection excepted). */
  maxDepth: number;
  /** Fields in the whole operation after fragments are expanded. */
  maxFields: number;
  maxAliases: number;
  /** Fields weighted by list sizes (server/graphql/cost.ts), and the items an answer may hold as it is built. */
  maxCost: number;
  /** Lexical tokens of the query text: parsing stops at this many. */
  maxTokens: number;
  maxDirectives: number;
  maxBodyBytes: number;
  maxIngestBodyBytes: number;
  queryTimeoutMs: number;
}

const MB = 1024 * 1024;

/** The limits when the environment does not set them (the only place their values are written). */
export const DEFAULT_LIMITS: Limits = {
  maxDepth: 10, maxFields: 2000, maxAliases: 30, maxCost: 5_000_000, maxTokens: 5000, maxDirectives: 50,
  maxBodyBytes: MB, maxIngestBodyBytes: 3 * MB, queryTimeoutMs: 10000,
};

export class ConfigError extends Error {}

export type LogFormat = 'json' | 'pretty';
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/** Reads DESIGN section 7's environment, with its defaults; a bad value is an error, not a guess. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const store = (env.KG_STORE || 'memory').toLowerCase();
  if (store !== 'memory' && store !== 'neo4j') throw new ConfigError(`KG_STORE must be "memory" or "neo4j", not "${env.KG_STORE}"`);
  const int = (name: string, def: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
    return v;
  };
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.KG_DATA_DIR || './data'),
    store,
    writeToken: env.KG_WRITE_TOKEN || undefined,
    writeTokens: writers(env),
    curationFile: path.resolve(env.KG_CURATION_FILE || DEFAULT_CURATION_FILE),
    neo4j: {
      uri: env.NEO4J_URI || 'bolt://127.0.0.1:7687',
      user: env.NEO4J_USER || 'neo4j',
      password: env.NEO4J_PASSWORD || 'kg-local-dev',
      database: env.NEO4J_DATABASE || undefined,
    },
    readToken: env.KG_READ_TOKEN || undefined,
    corsOrigins: (env.KG_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    limits: {
      maxDepth: int('KG_MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 2, 50),
      maxFields: int('KG_MAX_FIELDS', DEFAULT_LIMITS.maxFields, 10, 100000),
      maxAliases: int('KG_MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 0, 1000),
      maxCost: int('KG_MAX_COST', DEFAULT_LIMITS.maxCost, 100, 1_000_000_000),
      maxTokens: int('KG_MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 100, 1_000_000),
      maxDirectives: int('KG_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0, 10_000),
      maxBodyBytes: int('KG_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1024, 64 * MB),
      maxIngestBodyBytes: int('KG_MAX_INGEST_BODY_BYTES', DEFAULT_LIMITS.maxIngestBodyBytes, 1024, 64 * MB),
      queryTimeoutMs: int('KG_QUERY_TIMEOUT_MS', DEFAULT_LIMITS.queryTimeoutMs, 100, 600000),
    },
    logLevel: logLevel(env),
    logFormat: logFormat(env),
    storeWaitSeconds: int('KG_STORE_WAIT_SECONDS', 60, 0, 3600),
    compaction: { compactSeconds: int('KG_COMPACT_SECONDS', 300, 0, 86400), compactBytes: int('KG_COMPACT_MB', 16, 1, 4096) * 1024 * 1024 },
  };
}

function writers(env: NodeJS.ProcessEnv): Writers {
  try {
    return parseWriters(env.KG_WRITE_TOKENS, env.KG_WRITE_TOKEN || undefined);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(env: NodeJS.ProcessEnv): string {
  const level = (env.KG_LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info')).toLowerCase();
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`KG_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.KG_LOG_LEVEL}"`);
  return level;
}

function logFormat(env: NodeJS.ProcessEnv): LogFormat {
  const format = (env.KG_LOG_FORMAT || 'json').toLowerCase();
  if (!(LOG_FORMATS as readonly string[]).includes(format)) throw new ConfigError(`KG_LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, not "${env.KG_LOG_FORMAT}"`);
  return format as LogFormat;
}

/** Who may write, by name: KG_WRITE_TOKENS=name:token,… and KG_WRITE_TOKEN as "curator". */
export type Writers = ReadonlyArray<{ name: string; token: string }>;

/** The name KG_WRITE_TOKEN's holder is recorded under. */
export const DEFAULT_WRITER = 'curator';

/** KG_WRITE_TOKENS's "name:token,name2:token2", and KG_WRITE_TOKEN as the curator; a malformed entry is an error. */
export function parseWriters(list: string | undefined, single: string | undefined): Writers {
  const writers: Array<{ name: string; token: string }> = [];
  for (const entry of (list ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at).trim();
    const token = entry.slice(at + 1).trim();
    if (at < 1 || !/^[\w.@-]{1,64}$/.test(name) || token.length < 8) throw new Error(`KG_WRITE_TOKENS entries are name:token (a name of letters, digits, . @ - _ and a token of 8 or more characters), not "${name || entry.slice(0, 20)}…"`);
    writers.push({ name, token });
  }
  if (single) writers.push({ name: DEFAULT_WRITER, token: single });
  return writers;
}
