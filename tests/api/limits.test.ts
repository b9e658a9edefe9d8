import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { createApp, AppOptions } from '../../server/http/app';
import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';

async function serve(store: GraphStore, opts: AppOptions = {}) {
  const { server } = createApp(store, opts);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { base, post, close: () => new Promise((r) => server.close(r)) };
}

// node > within > within … > id: depth = steps + 2. Single places, not lists: nested lists
// multiply the query's cost (KG_MAX_COST) long before they reach this depth.
const nest = (steps: number) => `{ node(id: "place:广东省") { ... on Place { ${'within { '.repeat(steps)} id ${'}'.repeat(steps)} } } }`;

describe('GraphQL limits and HTTP hardening', () => {
  let store: GraphStore;
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    store = (await seededMemoryStore()).store;
    app = await serve(store, { writeToken: 'w-token' });
  });
  afterAll(() => app.close());

  it('refuses a query deeper than 10 and says which limit', async () => {
    const ok = await (await app.post({ query: nest(8) })).json();
    expect(ok.errors).toBeUndefined();
    const deep = await (await app.post({ query: nest(9) })).json();
    expect(deep.errors[0].message).toBe('query refused: depth 11 exceeds the limit of 10 (KG_MAX_DEPTH)');
  });

  it('lets GraphiQL introspect the schema', async () => {
    const r = await (await app.post({ query: getIntrospectionQuery() })).json();
    expect(r.errors).toBeUndefined();
    expect(r.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses too many aliases and too many fields, fragments counted', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: stats { nodes }`).join(' ')} }`;
    expect((await (await app.post({ query: aliases })).json()).errors[0].message).toBe('query refused: 31 aliases exceeds the limit of 30 (KG_MAX_ALIASES)');
    const wide = `fragment F on Node { id name aliases degree type } { ${'search(text: "派出所") { ...F ... on Reform { measures { ...F platforms { ...F } units { ...F } } } } '.repeat(100)}}`;
    expect((await (await app.post({ query: wide })).json()).errors[0].message).toMatch(/query refused: more than 2000 fields exceeds the limit of 2000 \(KG_MAX_FIELDS\)/);
  });

  // The limits are checked before the standard rules, whose cost (overlapping fields) grows
  // faster than the query: an oversized query is refused on its size alone, so the only error
  // is the limit, not also what else is wrong with it.
  it('refuses an oversized query on its size before any other validation', async () => {
    // Wide through a fragment: 200 searches of 12 fields each, in fewer than 5,000 tokens (KG_MAX_TOKENS).
    const wideAndWrong = `fragment W on Node { id name type nameEn aliases degree reportIds id name type nameEn noSuchField } { ${'search(text: "派出所") { ...W } '.repeat(200)}}`;
    const r = await (await app.post({ query: wideAndWrong })).json();
    expect(r.errors.map((e: { message: string }) => e.message)).toEqual(['query refused: more than 2000 fields exceeds the limit of 2000 (KG_MAX_FIELDS)']);
    const wrong = await (await app.post({ query: '{ search(text: "派出所") { id noSuchField } }' })).json();
    expect(wrong.errors[0].message).toMatch(/Cannot query field "noSuchField"/);
  });

  it('refuses out-of-range list sizes and neighbourhoods', async () => {
    const r = await (await app.post({ query: '{ neighborhood(id: "unit:派出所", depth: 2, limit: 5001) { nodes { id } } }' })).json();
    expect(r.errors[0].message).toBe('limit must be an integer from 1 to 5000, not 5001');
    const s = await (await app.post({ query: '{ search(text: "", first: 501) { id } }' })).json();
    expect(s.errors[0].message).toBe('first must be an integer from 1 to 500, not 501');
  });

  it('refuses bodies over 1 MB, except the ingest mutation up to 3 MB', async () => {
    const big = { query: `{ search(text: "${'派'.repeat(10)}") { id } }`, variables: { pad: 'x'.repeat(1024 * 1024) } };
    const r = await app.post(big);
    expect(r.status).toBe(413);
    expect((await r.json()).errors[0].message).toMatch(/larger than 1 MB \(KG_MAX_BODY_BYTES\)/);
    const ingest = { query: 'mutation($t: String!) { ingestReport(input: { text: $t }) { created } }', variables: { t: 'x'.repeat(2 * 1024 * 1024) } };
    const passed = await (await app.post(ingest)).json(); // past the size gate, stopped by the token check
    expect(passed.errors[0].message).toMatch(/Authorization: Bearer/);
    const huge = await app.post({ ...ingest, variables: { t: 'x'.repeat(3 * 1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
  });

  it('gives every response a request id, and every error the same id', async () => {
    const r = await app.post({ query: '{ nope }' }, { 'x-request-id': 'trace-123' });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    expect((await r.json()).errors[0].extensions.requestId).toBe('trace-123');
    const other = await app.post({ query: '{ stats { nodes } }' });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a query that runs too long with a timeout error, and the server keeps answering', async () => {
    const slow: GraphStore = Object.assign(Object.create(store), { stats: () => new Promise((r) => setTimeout(() => r(store.stats()), 1500)) });
    const s = await serve(slow, { limits: { queryTimeoutMs: 200 } });
    try {
      const r = await (await s.post({ query: '{ stats { nodes } }' })).json();
      expect(r.errors[0].message).toBe('query refused: it ran longer than 200 ms (KG_QUERY_TIMEOUT_MS)');
      expect((await (await s.post({ query: '{ reports { id } }' })).json()).data.reports).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('keeps CORS closed unless origins are configured', async () => {
    const closed = await app.post({ query: '{ stats { nodes } }' }, { origin: 'http://elsewhere.example' });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
    const open = await serve(store, { corsOrigins: ['http://lab.example'] });
    try {
      const r = await open.post({ query: '{ stats { nodes } }' }, { origin: 'http://lab.example' });
      expect(r.headers.get('access-control-allow-origin')).toBe('http://lab.example');
    } finally {
      await open.close();
    }
  });

  it('protects reads with KG_READ_TOKEN when set (the write token reads too)', async () => {
    const guarded = await serve(store, { readToken: 'r-token', writeToken: 'w-token' });
    try {
      const none = await guarded.post({ query: '{ stats { nodes } }' });
      expect(none.status).toBe(401);
      expect((await guarded.post({ query: '{ stats { nodes } }' }, { authorization: 'Bearer r-token' })).status).toBe(200);
      expect((await guarded.post({ query: '{ stats { nodes } }' }, { authorization: 'Bearer w-token' })).status).toBe(200);
      expect((await fetch(`${guarded.base}/health`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('serves the page with a strict content security policy', async () => {
    const r = await fetch(`${app.base}/`);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
