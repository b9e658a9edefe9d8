import { createYoga, type Plugin } from 'graphql-yoga';
import { DEFAULT_LIMITS } from '../../../server/config';
import { budgetPlugin } from '../../../server/graphql/budget';
import { createContext } from '../../../server/graphql/context';
import { jitPlugin } from '../../../server/graphql/jit';
import { buildSchema } from '../../../server/graphql/schema';
import { createApp, type AppOptions } from '../../../server/http/app';
import { errorHandling } from '../../../server/http/errors';
import { fastLane } from '../../../server/http/lane';
import { queryGuard } from '../../../server/http/queryGuard';
import type { GraphStore } from '../../../server/store/store';
import pino from 'pino';
import { seededMemoryStore } from '../../helpers/seedStore';

// The explorer's details query, in short: what the fast lane exists for.
const NODE = `query Details($id: ID!) { node(id: $id) { id type name degree mentions { quote report { id title } } edges { id type sourceNode { id name } targetNode { id name } } } }`;
const ID = 'reform:繁简分流';

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/** A POST the fast lane takes (once the query is compiled), or, with `slow`, one it leaves to yoga with the same meaning. */
function post(fetch: Fetch, body: unknown, o: { slow?: boolean; headers?: Record<string, string> } = {}) {
  return fetch('http://localhost/graphql', {
    method: 'POST',
    // yoga reads both media types as JSON; the lane takes only the plain spelling.
    headers: { 'content-type': o.slow ? 'application/json;charset=utf-8' : 'application/json', accept: 'application/json', ...o.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function answer(r: Response | Promise<Response>) {
  const res = await r;
  return { status: res.status, type: res.headers.get('content-type'), headers: [...res.headers.entries()], body: await res.text() };
}

/** Runs the request until the jit plugin has compiled its query (compiled when the server is idle after the third run). */
async function warm(fetch: Fetch, body: unknown) {
  for (let i = 0; i < 3; i++) await answer(post(fetch, body, { slow: true }));
  await new Promise((r) => setImmediate(r));
}

describe('the fast lane for repeated JSON queries (server/http/lane.ts)', () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = (await seededMemoryStore()).store;
  });

  it('answers a compiled query without yoga reading its parameters, and the same bytes as yoga', async () => {
    // The app's plugins, plus one that sees every request whose parameters yoga handles.
    const schema = buildSchema();
    const limits = DEFAULT_LIMITS;
    const guard = queryGuard(schema, limits);
    const jit = jitPlugin(schema);
    const errors = errorHandling(pino({ level: 'silent' }));
    let params = 0;
    const counter: Plugin = { onParams: () => void params++ };
    const context = (request: Request) => createContext(store, { authorization: request.headers.get('authorization') });
    const yoga = createYoga({
      schema,
      context: ({ request }) => context(request),
      maskedErrors: errors.maskedErrors,
      logging: false,
      parserAndValidationCache: guard.cache,
      multipart: false,
      plugins: [fastLane({ compiled: jit.cache, check: guard.check, context, timeoutMs: limits.queryTimeoutMs, maxItems: limits.maxCost }), guard.plugin, jit, budgetPlugin(limits.queryTimeoutMs, limits.maxCost), errors.plugin, counter],
    });
    const body = { query: NODE, variables: { id: ID } };
    await warm(yoga.fetch, body);
    const byYoga = await answer(post(yoga.fetch, body, { slow: true }));
    params = 0;
    const byLane = await answer(post(yoga.fetch, body));
    expect(params).toBe(0);
    expect(byLane).toEqual(byYoga);
    expect(byLane.status).toBe(200);
    expect(JSON.parse(byLane.body).data.node.id).toBe(ID);
    // A query not compiled yet goes the whole way.
    await answer(post(yoga.fetch, { query: '{ stats { nodes } }' }));
    expect(params).toBe(1);
  });

  describe('through createApp', () => {
    const app = (s: GraphStore, opts: AppOptions = {}) => createApp(s, opts).yoga.fetch as Fetch;

    it('gives an unexpected error in a resolver the same masked answer and request id either way', async () => {
      let fail = false;
      const failing: GraphStore = new Proxy(store, {
        get: (t, k) => {
          const v = Reflect.get(t, k, t);
          return typeof v === 'function' ? (...a: unknown[]) => (fail ? Promise.reject(new Error('disk on fire at /secret/path')) : v.apply(t, a)) : v;
        },
      });
      const fetch = app(failing);
      const body = { query: NODE, variables: { id: ID } };
      await warm(fetch, body);
      fail = true;
      const headers = { 'x-request-id': 'lane-1' };
      const byLane = await answer(post(fetch, body, { headers }));
      const byYoga = await answer(post(fetch, body, { slow: true, headers }));
      expect(byLane).toEqual(byYoga);
      const e = JSON.parse(byLane.body).errors[0];
      expect(e.message).toBe('Unexpected error.');
      expect(e.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'lane-1' });
      expect(byLane.body).not.toContain('secret');
    });

    it('stops a compiled query at the time limit on the lane too', async () => {
      let slow = false;
      const lagging: GraphStore = new Proxy(store, {
        get: (t, k) => {
          const v = Reflect.get(t, k, t);
          return typeof v === 'function' ? (...a: unknown[]) => (slow ? new Promise((r) => setTimeout(r, 600)).then(() => v.apply(t, a)) : v.apply(t, a)) : v;
        },
      });
      const fetch = app(lagging, { limits: { queryTimeoutMs: 150 } });
      const body = { query: NODE, variables: { id: ID } };
      await warm(fetch, body);
      slow = true;
      const byLane = await answer(post(fetch, body));
      expect(JSON.parse(byLane.body).errors.map((e: { message: string }) => e.message)).toEqual(['query refused: it ran longer than 150 ms (KG_QUERY_TIMEOUT_MS)']);
      expect(byLane).toEqual(await answer(post(fetch, body, { slow: true })));
    });

    it('still refuses a compiled query whose variables take it over a limit, and answers what yoga answers', async () => {
      const q = 'query S($n: Int!) { search(text: "派出所", first: $n) { id name mentions { quote } edges { id } } }';
      const fetch = app(store, { limits: { maxCost: 5000 } });
      await warm(fetch, { query: q, variables: { n: 2 } });
      const small = await answer(post(fetch, { query: q, variables: { n: 2 } }));
      expect(JSON.parse(small.body).errors).toBeUndefined();
      const big = await answer(post(fetch, { query: q, variables: { n: 5000 } }));
      expect(big.status).toBe(400);
      expect(JSON.parse(big.body).errors[0].message).toMatch(/exceeds the limit of 5000 \(KG_MAX_COST\)/);
      expect(big).toEqual(await answer(post(fetch, { query: q, variables: { n: 5000 } }, { slow: true })));
    });

    it('leaves to yoga what it does not take: other media types, unknown parameters, mutations, bad JSON', async () => {
      const fetch = app(store);
      const body = { query: NODE, variables: { id: ID } };
      await warm(fetch, body);
      const graphqlJson = await answer(post(fetch, body, { headers: { accept: 'application/graphql-response+json' } }));
      expect(graphqlJson.type).toBe('application/graphql-response+json; charset=utf-8');
      const extra = await answer(post(fetch, { ...body, extra: 1 }));
      expect(extra.status).toBe(400);
      expect(JSON.parse(extra.body).errors[0].message).toBe('Unexpected parameter "extra" in the request body.');
      // A long body (a report sent to ingestReport) is not read twice; the same query padded to one answers the same.
      const padded = await answer(post(fetch, JSON.stringify(body) + ' '.repeat(70_000)));
      expect(padded).toEqual(await answer(post(fetch, body)));
      const bad = await answer(post(fetch, '{"query": '));
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).errors[0].message).toBe('POST body sent invalid JSON.');
      // A write without the token is refused however often it is sent (never run as a query).
      const mutation = { query: 'mutation { deleteReport(id: "report:none") }' };
      await warm(fetch, mutation);
      const write = JSON.parse((await answer(post(fetch, mutation))).body);
      expect(write.errors[0].extensions.code).toBe('FORBIDDEN');
    });
  });
});
