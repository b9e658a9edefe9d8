import type { IngestErrorCode } from '../ingest/errors';

/**
 * Error codes that mean "the request was refused, as it should be": the client's input, its
 * credentials or the limits, never a fault of the server. They are answered with their reason
 * and logged at info without a stack; any other code (DISK_FULL, STORE_UNAVAILABLE, …) and every
 * unexpected error is logged at error.
 */
const INGEST_REFUSALS: Record<IngestErrorCode, true> = {
  EMPTY: true, TOO_LARGE: true, NOT_UTF8: true, BINARY: true, NOT_A_REPORT: true, NO_AGENCY: true, BAD_METADATA: true, NOT_FOUND: true,
  BAD_USER_INPUT: true, UNDECODABLE: true, UNSUPPORTED_FORMAT: true, UNREADABLE: true, NO_TEXT_LAYER: true, TRUNCATED: true,
};

const REFUSALS = new Set([
  ...Object.keys(INGEST_REFUSALS),
  // bad input and bad requests (ours and graphql-js's, as yoga codes them)
  'BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  // limits
  'QUERY_LIMIT', 'QUERY_TIMEOUT', 'BODY_TOO_LARGE',
  // credentials
  'UNAUTHENTICATED', 'FORBIDDEN',
]);

export function isRefusal(code: unknown): boolean {
  return typeof code === 'string' && REFUSALS.has(code);
}
