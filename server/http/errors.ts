import { GraphQLError } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';
import type pino from 'pino';
import { isRefusal } from '../log/refusals';
import { StoreUnavailableError } from '../store/store';

interface AnswerError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * What a client sees of an error and what the log keeps of it. Unexpected errors are masked to
 * "Unexpected error." (never a stack or a path of ours) and logged with their stack at error;
 * refusals (bad input, not a report, limits, credentials) pass through with their reason and are
 * logged at info in one line; any other coded error (DISK_FULL, STORE_UNAVAILABLE) at error.
 * Every error carries the request id, which is also on the log line.
 */
export function errorHandling(log: pino.Logger): { maskedErrors: { isDev: false; maskError: typeof maskError }; plugin: Plugin } {
  // The original behind each masked error, for the log line written once the request id is known.
  const unexpected = new WeakMap<object, unknown>();
  return {
    maskedErrors: {
      // Never leak stacks or paths, whatever NODE_ENV says.
      isDev: false,
      maskError: (error, message, isDev) => {
        const unavailable = storeUnavailable(error);
        if (unavailable) return unavailable;
        const masked = maskError(error, message, isDev);
        if (masked !== error && masked && typeof masked === 'object') unexpected.set(masked, (error as { originalError?: unknown }).originalError ?? error);
        return masked;
      },
    },
    plugin: {
      onResultProcess: ({ request, result, setResult }) => {
        const r = result as { errors?: AnswerError[] };
        if (Array.isArray(result) || !r?.errors?.length) return;
        const requestId = request.headers.get('x-request-id') ?? undefined;
        for (const e of r.errors) {
          const code = e.extensions?.code;
          const path = e.path?.join('.');
          if (unexpected.has(e)) log.error({ requestId, path, err: unexpected.get(e) }, 'unexpected error in a resolver');
          else if (isRefusal(code)) log.info({ requestId, code, path }, `refused (${String(code)}): ${e.message}`);
          else log.error({ requestId, code, path }, `${String(code ?? 'error')}: ${e.message}`);
        }
        if (!requestId) return;
        setResult({ ...r, errors: r.errors.map((e) => Object.assign(Object.create(Object.getPrototypeOf(e)), e, { extensions: { ...(e.extensions ?? {}), requestId } })) } as never);
      },
    },
  };
}

/**
 * The store's own errors as the API's: a store that cannot be reached says so with code
 * STORE_UNAVAILABLE and its message (never masked: the client learns to retry later).
 */
function storeUnavailable(error: unknown): GraphQLError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!(original instanceof StoreUnavailableError)) return null;
  const at = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(original.message, { nodes: at?.nodes, source: at?.source, positions: at?.positions, path: at?.path, originalError: original, extensions: { code: 'STORE_UNAVAILABLE' } });
}
