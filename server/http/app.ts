import crypto from 'node:crypto';
import http from 'node:http';
import { GraphQLError } from 'graphql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, maskError, Plugin } from 'graphql-yoga';
import pino from 'pino';
import type { Config } from '../config';
import { DEFAULT_CURATION_FILE } from '../curation/decisions';
import { Curation } from '../curation/service';
import { checkToken } from '../graphql/auth';
import { createContext } from '../graphql/context';
import { buildSchema } from '../graphql/schema';
import { FORMATS, ExportFormat } from '../export/formats';
import { filterView } from '../export/view';
import { NODE_TYPES, NodeType } from '../model/types';
import { droppedLogLines } from '../log/destination';
import { WEB_DIST } from '../paths';
import type { GraphStore } from '../store/store';
import { BodyTooLarge, isIngestOnly, readBody } from './body';
import { DEFAULT_LIMITS, limitErrors } from './limits';
import { serveStatic } from './static';

export interface AppOptions {
  webRoot?: string;
  writeToken?: string;
  readToken?: string;
  curationFile?: string;
  corsOrigins?: string[];
  limits?: Partial<Config['limits']>;
  logger?: pino.Logger;
}

const MB = 1024 * 1024;

/** The HTTP entry: /graphql (yoga, GraphiQL), /health, and the explorer's static files. */
export function createApp(store: GraphStore, opts: AppOptions = {}) {
  const limits = { ...DEFAULT_LIMITS, maxBodyBytes: MB, maxIngestBodyBytes: 3 * MB, queryTimeoutMs: 10000, ...opts.limits };
  const log = opts.logger ?? pino({ level: 'silent' });
  const curation = new Curation(store, opts.curationFile ?? DEFAULT_CURATION_FILE);
  const yoga = createYoga({
    schema: buildSchema(),
    context: ({ request }) => createContext(store, { authorization: request.headers.get('authorization'), writeToken: opts.writeToken, curation }),
    graphiql: { title: 'Policing-reform knowledge graph' },
    // Never leak stacks or paths, whatever NODE_ENV says.
    maskedErrors: {
      isDev: false,
      // The client sees "Unexpected error." and a request id; the log keeps what happened.
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        log.error({ err: original, path: (error as { path?: unknown }).path }, 'unexpected error in a resolver');
        return maskError(error, message, isDev);
      },
    },
    landingPage: false,
    logging: false,
    cors: opts.corsOrigins?.length ? { origin: opts.corsOrigins, methods: ['GET', 'POST'], credentials: false } : false,
    // Each distinct query compiled once to plain JavaScript (graphql-jit): execution of a nested
    // answer with thousands of fields costs a fraction of graphql-js walking it field by field.
    plugins: [useGraphQlJit(), limitsPlugin(limits), timeoutPlugin(limits.queryTimeoutMs), requestIdPlugin()],
  });
  let inFlight = 0;

  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const requestId = validId(req.headers['x-request-id']) ?? crypto.randomUUID();
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-content-type-options', 'nosniff');
    inFlight++;
    res.on('close', () => {
      inFlight--;
      log.info({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started), operation: (res as { operation?: string }).operation }, 'request');
    });
    try {
      const url = req.url ?? '/';
      if (url === '/health' || url.startsWith('/health?')) return void (await health(store, res));
      const isExport = url === '/export' || url.startsWith('/export?');
      if (!url.startsWith('/graphql') && !isExport) return void serveStatic(opts.webRoot ?? WEB_DIST, req, res);
      if (opts.readToken && !tokenOk(req.headers.authorization, opts.readToken, opts.writeToken)) {
        return void sendErrors(res, 401, requestId, 'reading needs the header Authorization: Bearer <KG_READ_TOKEN>', 'UNAUTHENTICATED');
      }
      if (isExport) return void (await exportGraph(store, url, res, requestId));
      let body: Buffer | undefined;
      if (req.method === 'POST') {
        try {
          body = await readBody(req, limits.maxIngestBodyBytes);
        } catch (e) {
          if (e instanceof BodyTooLarge) return void sendErrors(res, 413, requestId, `request body refused: larger than ${limits.maxIngestBodyBytes / MB} MB (KG_MAX_INGEST_BODY_BYTES)`, 'BODY_TOO_LARGE');
          throw e;
        }
        if (body.length > limits.maxBodyBytes && !isIngestOnly(body)) {
          return void sendErrors(res, 413, requestId, `request body refused: larger than ${limits.maxBodyBytes / MB} MB (KG_MAX_BODY_BYTES); only ingestReport may send up to ${limits.maxIngestBodyBytes / MB} MB`, 'BODY_TOO_LARGE');
        }
        (res as { operation?: string }).operation = operationName(body);
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      headers.set('x-request-id', requestId);
      const response = await yoga.fetch(`http://${req.headers.host ?? 'localhost'}${url}`, { method: req.method, headers, body: body && body.length ? body : undefined });
      res.statusCode = response.status;
      response.headers.forEach((v, k) => res.setHeader(k, v));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (e) {
      log.error({ requestId, err: e }, 'request failed');
      if (!res.headersSent) sendErrors(res, 500, requestId, 'Unexpected error.', 'INTERNAL');
      else res.end();
    }
  });
  return { server, yoga, inFlight: () => inFlight };
}

/** GET /export?format=graphml|gexf|csv-nodes|csv-edges[&types=REFORM,PLATFORM][&topics=topic:digital] */
async function exportGraph(store: GraphStore, url: string, res: http.ServerResponse, requestId: string): Promise<void> {
  const q = new URL(url, 'http://x').searchParams;
  const format = (q.get('format') ?? 'graphml') as ExportFormat;
  if (!(format in FORMATS)) return sendErrors(res, 400, requestId, `format must be one of ${Object.keys(FORMATS).join(', ')}`, 'BAD_USER_INPUT');
  const list = (k: string) => (q.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const types = list('types');
  const bad = types.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (bad.length) return sendErrors(res, 400, requestId, `unknown node types: ${bad.join(', ')}`, 'BAD_USER_INPUT');
  const view = filterView(await store.exportGraph(), { types: types as NodeType[], topics: list('topics') });
  const f = FORMATS[format];
  res.writeHead(200, { 'content-type': f.type, 'content-disposition': `attachment; filename="policing-reforms.${f.ext}"`, 'x-content-type-options': 'nosniff' });
  res.end(f.render(view));
}

function limitsPlugin(limits: typeof DEFAULT_LIMITS): Plugin {
  return {
    onValidate: ({ params, setResult }) => {
      // A query over a limit is refused without running the standard rules at all.
      const errors = limitErrors(params.documentAST, limits);
      if (errors.length) setResult(errors);
    },
  };
}

/** A query that runs too long is answered with an error instead of holding the connection. */
function timeoutPlugin(ms: number): Plugin {
  return {
    onExecute: ({ executeFn, setExecuteFn }) => {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((resolve) => {
          timer = setTimeout(() => resolve({ errors: [new GraphQLError(`query refused: it ran longer than ${ms} ms (KG_QUERY_TIMEOUT_MS)`, { extensions: { code: 'QUERY_TIMEOUT' } })] }), ms);
          timer.unref();
        });
        return Promise.race([Promise.resolve(executeFn(args)).finally(() => clearTimeout(timer)), timeout]) as ReturnType<typeof executeFn>;
      });
    },
  };
}

/** Every error names the request it belongs to, so a user's report can be found in the log. */
function requestIdPlugin(): Plugin {
  return {
    onResultProcess: ({ request, result, setResult }) => {
      const id = request.headers.get('x-request-id');
      const r = result as { errors?: Array<{ extensions?: Record<string, unknown> }> };
      if (!id || Array.isArray(result) || !r?.errors?.length) return;
      setResult({ ...r, errors: r.errors.map((e) => Object.assign(Object.create(Object.getPrototypeOf(e)), e, { extensions: { ...(e.extensions ?? {}), requestId: id } })) } as never);
    },
  };
}

function tokenOk(header: string | undefined, readToken: string, writeToken?: string): boolean {
  return checkToken(header, readToken) || (!!writeToken && checkToken(header, writeToken));
}

function validId(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' && /^[\w.:-]{1,64}$/.test(v) ? v : undefined;
}

function operationName(body: Buffer): string | undefined {
  try {
    const p = JSON.parse(body.toString('utf8')) as { operationName?: string; query?: string };
    return p.operationName ?? /^\s*(query|mutation)\s+(\w+)/.exec(p.query ?? '')?.[2] ?? /\{\s*(\w+)/.exec(p.query ?? '')?.[1];
  } catch {
    return undefined;
  }
}

function sendErrors(res: http.ServerResponse, status: number, requestId: string, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] }));
}

async function health(store: GraphStore, res: http.ServerResponse): Promise<void> {
  try {
    const h = await store.health();
    res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(h.ok ? { status: 'ok', store: store.kind, nodes: h.nodes, edges: h.edges, logDropped: droppedLogLines() } : { status: 'unavailable', store: store.kind, reason: h.reason }));
  } catch (e) {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'unavailable', store: store.kind, reason: (e as Error).message }));
  }
}
