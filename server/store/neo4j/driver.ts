import neo4j, { Driver } from 'neo4j-driver';
import type { Config } from '../../config';

export type Neo4jConfig = Config['neo4j'];

/** Timing of the driver: how long a request may wait for Neo4j before it is reported unavailable. */
export const DRIVER_TIMING = {
  /** Managed transactions retry transient failures (a restart, a lost connection) this long. */
  maxTransactionRetryTime: 5000,
  connectionTimeout: 5000,
  connectionAcquisitionTimeout: 10000,
  /** Server-side limit of one transaction. */
  transactionTimeout: 30000,
  /** /health asks once, without retries, this long at most. */
  healthTimeout: 3000,
};

/** How the driver spaces the retries of a managed transaction (its defaults), for reads retried the same way outside one. */
export const RETRY = { initialDelayMs: 1000, multiplier: 2, jitter: 0.2 };

/** The process's one driver. Integers come back as JS numbers (all ours fit in 2^53). */
export function createDriver(cfg: Neo4jConfig): Driver {
  return neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password), {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: DRIVER_TIMING.maxTransactionRetryTime,
    connectionTimeout: DRIVER_TIMING.connectionTimeout,
    connectionAcquisitionTimeout: DRIVER_TIMING.connectionAcquisitionTimeout,
    userAgent: 'policing-reform-kg',
    logging: { level: 'error', logger: () => {} },
  });
}

/** A JS integer as a Neo4j Integer (LIMIT, and mention offsets stored as integers, not floats). */
export const int = (n: number) => neo4j.int(n);
