import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { processRegularResult, type Plugin } from 'graphql-yoga';
import type { Budget } from '../graphql/budget';
import { runBudgeted } from '../graphql/budget';

/** A query compiled by the jit plugin (server/graphql/jit.ts), as its cache keeps it. */
type Compiled = Pick<CompiledQuery, 'query' | 'stringify'>;

/** yoga's masking of an execution's errors (the options its useMaskedErrors runs with). */
type Masking = { maskError: (error: GraphQLError, message: string) => unknown; errorMessage: string } | null;

export interface LaneOptions {
  /** The jit plugin's cache of compiled queries, keyed `${operationName ?? ''}\u0000${query}`. */
  compiled: { get(key: string): Compiled | undefined };
  /** The query guard's verdict (server/http/queryGuard.ts): the refusal, or the parsed document. */
  check: (params: { query: string; operationName?: string | null; variables?: unknown }) => { errors?: GraphQLError[]; doc?: DocumentNode };
  /** What the yoga context's factory adds for this request (server/graphql/context.ts). */
  context: (request: Request) => object;
  timeoutMs: number;
  maxItems: number;
}

/** The longest body the lane reads as a query (queries are short; longer bodies are writes of reports). */
const MAX_LANE_CHARS = 64 * 1024;

type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
/** What the lane leaves to yoga's own steps for a request it ran: an answer with errors, or an exception. */
type Left = { result: ExecutionResult } | { thrown: unknown };

/**
 * The common request answered without yoga's generic machinery: a POST of JSON to /graphql,
 * asking for JSON, of a query yoga has already run (so parsed, validated and compiled: the jit
 * plugin's cache holds it) within the guard's limits. It is run as yoga would run it (the same
 * context, the same budget and timeout, the same compiled code) and answered by yoga's own
 * result processor, in one step instead of yoga's dozen hooks and promises (a third of our
 * JavaScript time of the explorer's `node` query on Neo4j). Anything else (another method, media
 * type or path, a query not compiled yet, a mutation, a refusal, unknown parameters) goes the
 * whole way through yoga, as do the errors of an answer: they are masked, logged and given the
 * request id by the same plugins as always.
 */
export function fastLane(o: LaneOptions): Plugin {
  const left = new WeakMap<Request, Left>();
  let masking: Masking = null;
  const operations = new WeakMap<DocumentNode, Map<string, string | undefined>>();
  const operation = (doc: DocumentNode, name: string | undefined | null) => {
    let byName = operations.get(doc);
    if (!byName) operations.set(doc, (byName = new Map()));
    const key = name ?? '';
    if (!byName.has(key)) byName.set(key, getOperationAST(doc, name)?.operation);
    return byName.get(key);
  };
  return {
    onYogaInit: ({ yoga }) => {
      masking = (yoga as unknown as { maskedErrorsOpts: Masking }).maskedErrorsOpts;
    },
    onRequest: ({ request, fetchAPI, endResponse }) => {
      if (request.method !== 'POST' || !request.url.endsWith('/graphql')) return;
      const type = request.headers.get('content-type');
      if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return;
      // Each of these makes yoga answer application/json (use-result-processor.ts's choice).
      const accept = request.headers.get('accept');
      if (accept !== null && accept !== 'application/json' && accept !== '*/*') return;
      // Read once: yoga's parser reads the same text again when the lane leaves the request to it.
      return request.text().then((text) => {
        // A large body is a report sent to ingestReport, a write: not parsed twice.
        if (text.length > MAX_LANE_CHARS) return;
        const params = plainParams(text);
        if (!params) return;
        const compiled = o.compiled.get(`${params.operationName ?? ''}\u0000${params.query}`);
        if (!compiled) return;
        const { errors, doc } = o.check(params);
        if (errors || !doc || operation(doc, params.operationName) !== 'query') return;
        // The context yoga would make: its own fields, then the factory's.
        const context = Object.assign({ request, params }, o.context(request)) as { budget?: Budget };
        const run = () => {
          const r = compiled.query(undefined, context, params.variables as never);
          const withStringify = (x: unknown) => Object.assign(x as object, { stringify: compiled.stringify });
          return r instanceof Promise ? r.then(withStringify) : withStringify(r);
        };
        let answer: Promise<unknown>;
        try {
          answer = runBudgeted(context, o.timeoutMs, o.maxItems, run);
        } catch (e) {
          return void left.set(request, { thrown: e });
        }
        return answer.then(
          (result) => {
            const r = result as ExecutionResult;
            if (r.errors?.length) return void left.set(request, { result: r });
            try {
              endResponse(processRegularResult(r as never, fetchAPI, 'application/json') as Response);
            } catch (e) {
              left.set(request, { thrown: e });
            }
          },
          (e) => void left.set(request, { thrown: e }),
        );
        // A body that cannot be read, or parameters the guard cannot measure, are yoga's to answer (before anything ran).
      }).catch(() => undefined);
    },
    onParams: ({ request, setResult, setParamsHandler }) => {
      const l = left.get(request);
      if (!l) return;
      left.delete(request);
      if ('thrown' in l) {
        // Where yoga's own handler would have thrown it: yoga masks and answers it.
        setParamsHandler(() => {
          throw l.thrown;
        });
        return;
      }
      // Masked as yoga's useMaskedErrors masks an execution's errors; the answer then goes
      // through onResultProcess (errors.ts logs them and adds the request id) as always.
      const r = l.result;
      const m = masking;
      setResult(m ? { ...r, errors: r.errors!.map((e) => m.maskError(e, m.errorMessage) as GraphQLError) } : r);
    },
  };
}

/** The body as GraphQL parameters when it is a plain query request (nothing yoga would refuse or treat specially), else undefined. */
function plainParams(text: string): Params | undefined {
  let p: unknown;
  try {
    p = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return undefined;
  const q = p as Record<string, unknown>;
  for (const k in q) if (k !== 'query' && k !== 'variables' && k !== 'operationName' && q[k] != null) return undefined;
  if (typeof q.query !== 'string') return undefined;
  const v = q.variables;
  if (v != null && (typeof v !== 'object' || Array.isArray(v))) return undefined;
  if (q.operationName != null && typeof q.operationName !== 'string') return undefined;
  return q as Params;
}
