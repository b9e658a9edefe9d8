import crypto from 'node:crypto';
import http from 'node:http';
import { createYoga } from 'graphql-yoga';
import pino from 'pino';
import { DEFAULT_LIMITS, DEFAULT_WRITER, Limits, Writers } from '../config';
import type { Curation } from '../services/curation';
import { budgetPlugin } from '../graphql/budget';
import { checkToken } from '../graphql/auth';
import { jitPlugin } from '../graphql/jit';
import { createContext } from '../graphql/context';
import { buildSchema } from '../graphql/schema';
import { FORMATS, ExportFormat } from '../export/formats';
import { filterView } from '../export/view';
import { exportTable, parseTableRequest } from '../export/tableRequest';
import { NODE_TYPES, NodeType } from '../model/types';
import { droppedLogLines } from '../log/destination';
import { isRefusal } from '../log/refusals';
import { WEB_DIST } from '../paths';
import type { GraphStore } from '../store/store';
import { BodyTooLarge, isIngestOnly, readBody } from './body';
import { crossSiteRefusal } from './csrf';
import { errorHandling } from './errors';
import { badGetParams } from './getParams';
import { GraphEvents } from './events';
import { asksForGraphiQL, GRAPHIQL_HEADERS, GRAPHIQL_TITLE, graphiqlPage } from './graphiql';
import { fastLane } from './lane';
import { queryGuard } from './queryGuard';
import { serveStatic } from './static';

export interface AppOptions {
  webRoot?: string;
  /** KG_WRITE_TOKEN: recorded as the curator "curator". */
  writeToken?: string;
  /** KG_WRITE_TOKENS: each writer's name and token. */
  writeTokens?: Writers;
  readToken?: string;
  /** The curation service (main.ts makes it); without it the curation fields answer that it is not configured. */
  curation?: Curation;
  /** The change announcer to use (main.ts makes it, so curation's writes announce themselves too). */
  events?: GraphEvents;
  corsOrigins?: string[];
  limits?: Partial<Limits>;
  logger?: pino.Logger;
}

const MB = 1024 * 1024;

/** The HTTP entry: /graphql (yoga, GraphiQL), /health, and the explorer's static files. */
export function createApp(store: GraphStore, opts: AppOptions = {}) {
  const events = opts.events ?? new GraphEvents();
  store = events.watch(store);
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const log = opts.logger ?? pino({ level: 'silent' });
  const writers: Writers = [...(opts.writeTokens ?? []), ...(opts.writeToken ? [{ name: DEFAULT_WRITER, token: opts.writeToken }] : [])];
  const schema = buildSchema();
  const guard = queryGuard(schema, limits);
  const graphiql = graphiqlPage(opts.webRoot ?? WEB_DIST, !!opts.readToken);
  const errors = errorHandling(log);
  const context = (request: Request) => createContext(store, { authorization: request.headers.get('authorization'), writers, curation: opts.curation });
  const jit = jitPlugin(schema);
  const lane = fastLane({ compiled: jit.cache, check: guard.check, context, timeoutMs: limits.queryTimeoutMs, maxItems: limits.maxCost });
  const yoga = createYoga({
    schema,
    context: ({ request }) => context(request),
    graphiql: { title: GRAPHIQL_TITLE },
    renderGraphiQL: graphiql,
    maskedErrors: errors.maskedErrors,
    landingPage: false,
    logging: false,
    cors: opts.corsOrigins?.length ? { origin: opts.corsOrigins, methods: ['GET', 'POST'], credentials: false } : false,
    // Parsed queries kept by count and by size (yoga's default keeps 1,024 of any size).
    parserAndValidationCache: guard.cache,
    // Multipart uploads are no part of this API, and a form is what another site can post.
    multipart: false,
    plugins: [lane, guard.plugin, jit, budgetPlugin(limits.queryTimeoutMs, limits.maxCost), errors.plugin],
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
      const { operation, refused } = res as Answered;
      log.debug({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started), operation }, 'request');
      if (refused && isRefusal(refused.code)) log.info({ requestId, code: refused.code, status: res.statusCode }, `refused (${refused.code}): ${refused.message}`);
    });
    try {
      const url = req.url ?? '/';
      if (url === '/health' || url.startsWith('/health?')) return void (await health(store, res));
      const isExport = url === '/export' || url.startsWith('/export?');
      const isEvents = url === '/events' || url.startsWith('/events?');
      if (!url.startsWith('/graphql') && !isExport && !isEvents) return void serveStatic(opts.webRoot ?? WEB_DIST, req, res);
      const refusal = crossSiteRefusal(req, opts.corsOrigins ?? [], !isExport && !isEvents);
      if (refusal) return void sendErrors(res, refusal.status, requestId, refusal.message, refusal.code);
      const badParams = req.method === 'GET' && !isExport ? badGetParams(url) : undefined;
      if (badParams) return void sendErrors(res, 400, requestId, badParams, 'BAD_REQUEST');
      if (opts.readToken && !asksForGraphiQL(req) && !tokenOk(req.headers.authorization, opts.readToken, writers)) {
        return void sendErrors(res, 401, requestId, 'reading needs the header Authorization: Bearer <KG_READ_TOKEN>', 'UNAUTHENTICATED');
      }
      if (isExport) return void (await exportGraph(store, url, res, requestId));
      if (isEvents) return events.handle(req, res);
      let body: Buffer | undefined;
      if (req.method === 'POST') {
        try {
          body = await readBody(req, limits.maxIngestBodyBytes);
        } catch (e) {
          if (e instanceof BodyTooLarge) return void sendErrors(res, 413, requestId, `request body refused: larger than ${limits.maxIngestBodyBytes / MB} MB (KG_MAX_INGEST_BODY_BYTES)`, 'BODY_TOO_LARGE');
          throw e;
        }
        if (body.length > limits.maxBodyBytes && !isIngestOnly(body, limits.maxTokens)) {
          return void sendErrors(res, 413, requestId, `request body refused: larger than ${limits.maxBodyBytes / MB} MB (KG_MAX_BODY_BYTES); only ingestReport may send up to ${limits.maxIngestBodyBytes / MB} MB`, 'BODY_TOO_LARGE');
        }
        (res as Answered).operation = operationName(body);
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      headers.set('x-request-id', requestId);
      // Taken before the query runs: the answer holds at least this version's writes.
      res.setHeader('x-graph-version', events.version);
      const response = await yoga.fetch(`http://${validHost(req.headers.host)}${url}`, { method: req.method, headers, body: body && body.length ? body : undefined });
      res.statusCode = response.status;
      response.headers.forEach((v, k) => res.setHeader(k, v));
      // The only page yoga answers is GraphiQL.
      if (response.headers.get('content-type')?.startsWith('text/html')) for (const [k, v] of Object.entries(GRAPHIQL_HEADERS)) res.setHeader(k, v);
      // yoga's Response hands back its body as a Buffer already: sent as it is, not copied (an
      // answer at 1M nodes can be megabytes).
      const answer = await response.arrayBuffer();
      res.end(ArrayBuffer.isView(answer) ? answer : new Uint8Array(answer));
    } catch (e) {
      log.error({ requestId, err: e }, 'request failed');
      if (!res.headersSent) sendErrors(res, 500, requestId, 'Unexpected error.', 'INTERNAL');
      else res.end();
    }
  });
  return { server, yoga, events, inFlight: () => inFlight };
}

/** GET /export?format=graphml|gexf|csv-nodes|csv-edges[&types=REFORM,PLATFORM][&topics=topic:digital] */
async function exportGraph(store: GraphStore, url: string, res: http.ServerResponse, requestId: string): Promise<void> {
  const q = new URL(url, 'http://x').searchParams;
  if (q.has('table')) return exportTableTo(store, q, res, requestId);
  const format = (q.get('format') ?? 'graphml') as ExportFormat;
  // Own keys only: "__proto__" or "constructor" is in every object.
  if (!Object.hasOwn(FORMATS, format)) return sendErrors(res, 400, requestId, `format must be one of ${Object.keys(FORMATS).join(', ')}`, 'BAD_USER_INPUT');
  const list = (k: string) => (q.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const types = list('types');
  const bad = types.filter((t) => !(NODE_TYPES as readonly string[]).includes(t));
  if (bad.length) return sendErrors(res, 400, requestId, `unknown node types: ${bad.join(', ')}`, 'BAD_USER_INPUT');
  const view = filterView(await store.exportGraph(), { types: types as NodeType[], topics: list('topics') });
  const f = FORMATS[format];
  res.writeHead(200, {
    'content-type': f.type, 'content-disposition': `attachment; filename="policing-reforms.${f.ext}"`, 'x-content-type-options': 'nosniff',
    // What npm run export --server reports, as it does for a file it renders itself.
    'x-kg-nodes': String(view.nodes.length), 'x-kg-edges': String(view.edges.length),
  });
  res.end(f.render(view));
}

/** GET /export?table=observations|adoptions|measures|mentions|nodes|edges&format=csv|tsv|json[&bom=1][&wide=1][&province=…][&level=…] */
async function exportTableTo(store: GraphStore, q: URLSearchParams, res: http.ServerResponse, requestId: string): Promise<void> {
  const req = parseTableRequest((k) => q.get(k));
  if ('error' in req) return sendErrors(res, 400, requestId, req.error, 'BAD_USER_INPUT');
  const t = exportTable(await store.exportGraph(), req);
  res.writeHead(200, { 'content-type': t.contentType, 'content-disposition': `attachment; filename="policing-reforms.${t.filename}"`, 'x-content-type-options': 'nosniff' });
  res.end(t.body);
}

function tokenOk(header: string | undefined, readToken: string, writers: Writers): boolean {
  return checkToken(header, readToken) || writers.some((w) => checkToken(header, w.token));
}

/** The Host header when it is a plain host[:port] (it becomes part of a URL), else localhost. */
function validHost(v: string | undefined): string {
  return v && /^[\w.-]{1,253}(:\d{1,5})?$|^\[[\d:a-fA-F.]+\](:\d{1,5})?$/.test(v) ? v : 'localhost';
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

/** What the request log says of an answer besides its status. */
interface Answered {
  operation?: string;
  refused?: { code: string; message: string };
}

function sendErrors(res: http.ServerResponse, status: number, requestId: string, message: string, code: string): void {
  (res as Answered).refused = { code, message };
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
