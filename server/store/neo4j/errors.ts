import { StoreUnavailableError } from '../store';

interface DriverError {
  code?: string;
  message?: string;
  cause?: unknown;
  retriable?: boolean;
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable', 'Neo.ClientError.Database.DatabaseNotFound',
]);

/** Why Neo4j is unavailable, in words, or null when the error is something else. */
export function unavailableReason(e: unknown, uri: string): string | null {
  const err = (e ?? {}) as DriverError;
  const code = err.code ?? '';
  const message = err.message ?? String(e);
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return `Neo4j at ${uri} refused the credentials of NEO4J_USER (${code.split('.').pop()})`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') return `Neo4j at ${uri}: ${message}`;
  // While Neo4j shuts down or starts, transactions are terminated and connections closed under
  // the driver: transient errors, which mean "unavailable for now".
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.') || err.retriable === true
    || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|socket hang up|Connection acquisition timed out|connection (was )?closed|Pool is closed|shutting down|database is unavailable/i.test(message)) {
    return `Neo4j at ${uri} is not answering (${cause(message)})`;
  }
  return null;
}

/** The useful tail of the driver's long connection messages ("connect ECONNREFUSED 127.0.0.1:7687"). */
function cause(message: string): string {
  const m = /Caused by: (.*)$/s.exec(message);
  const s = (m ? m[1] : message).split('\n')[0].trim();
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

export function toStoreError(e: unknown, uri: string): unknown {
  if (e instanceof StoreUnavailableError) return e;
  const reason = unavailableReason(e, uri);
  return reason ? new StoreUnavailableError(`store unavailable: ${reason}`) : e;
}

/**
 * The graph is half-written: a bulk load split over several transactions started (at `since`)
 * and has not finished, or failed. Nothing is served from it until a load completes.
 */
export function halfLoaded(uri: string, since: string, detail?: string): StoreUnavailableError {
  return new StoreUnavailableError(
    `store unavailable: the graph in Neo4j at ${uri} is half-loaded: a bulk load started at ${since} has not finished${detail ? ` (${detail})` : ''}. `
    + 'It is not served until a load completes: run the load (Neo4jStore.rebuild) again, or delete the half graph to start over '
    + 'from the seeds (cypher/README.md, "Bulk load").',
  );
}
