import http from 'node:http';
import { createYoga } from 'graphql-yoga';
import { DEFAULT_CURATION_FILE } from '../curation/decisions';
import { Curation } from '../curation/service';
import { createContext } from '../graphql/context';
import { buildSchema } from '../graphql/schema';
import { WEB_DIST } from '../paths';
import type { GraphStore } from '../store/store';
import { serveStatic } from './static';

/** The HTTP entry: /graphql (yoga, GraphiQL), /health, and the explorer's static files. */
export function createApp(store: GraphStore, opts: { webRoot?: string; writeToken?: string; curationFile?: string } = {}) {
  const curation = new Curation(store, opts.curationFile ?? DEFAULT_CURATION_FILE);
  const yoga = createYoga({
    schema: buildSchema(),
    context: ({ request }) => createContext(store, { authorization: request.headers.get('authorization'), writeToken: opts.writeToken, curation }),
    graphiql: { title: 'Policing-reform knowledge graph' },
    // Never leak stacks or paths, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    landingPage: false,
    logging: false,
  });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/graphql')) return void yoga(req, res);
    if (url === '/health' || url.startsWith('/health?')) return void health(store, res);
    serveStatic(opts.webRoot ?? WEB_DIST, req, res);
  });
  return { server, yoga };
}

async function health(store: GraphStore, res: http.ServerResponse): Promise<void> {
  try {
    const h = await store.health();
    res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(h.ok ? { status: 'ok', store: store.kind, nodes: h.nodes, edges: h.edges } : { status: 'unavailable', store: store.kind, reason: h.reason }));
  } catch (e) {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'unavailable', store: store.kind, reason: (e as Error).message }));
  }
}
