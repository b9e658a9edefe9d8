export type IngestErrorCode = 'EMPTY' | 'TOO_LARGE' | 'NOT_UTF8' | 'BINARY' | 'NOT_A_REPORT' | 'NO_AGENCY' | 'BAD_METADATA' | 'NOT_FOUND'
  | 'BAD_USER_INPUT' | 'UNDECODABLE' | 'UNSUPPORTED_FORMAT' | 'UNREADABLE' | 'NO_TEXT_LAYER' | 'TRUNCATED';

/** A report the pipeline refuses, with a code a client can act on and a reason a person can read. */
export class IngestError extends Error {
  constructor(readonly code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
  }
}
