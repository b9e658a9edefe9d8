// Issue attack 9 and the cross-site requests it found: malformed paths and arguments answer 400
// (never 500), other sites' pages cannot make a visitor's browser run queries, and GET never writes.
import { refusal, serve, Served } from './server';

const deepList = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepJson = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('attack 9: malformed requests answer 400, not 500', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serve({ writeToken: 'w-token-123' });
  });
  afterAll(() => app.close());

  it.each(['/%ff', '/%', '/a%e0%80', '/graphql%ff'])('GET %s', async (path) => {
    const a = await app.request(path);
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a.status).toBeLessThan(500);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('GET /export?format=%s', async (format) => {
    const a = await app.request(`/export?format=${format}`);
    expect(a.status).toBe(400);
    expect(a.json().errors[0].message).toMatch(/^format must be one of graphml, /);
  });

  it('refuses a list nested 3,000 deep as an argument, at once', async () => {
    const a = await app.post({ query: `{ search(text: "x", types: ${deepList(3000)}) { id } }` });
    expect(refusal(a)).toEqual({ status: 400, code: 'QUERY_LIMIT', message: 'query refused: brackets nested more than 64 deep' });
    expect(a.ms).toBeLessThan(1000);
  });

  it('refuses a list nested 3,000 deep as a variable', async () => {
    for (const variable of ['[NodeType!]', 'String', '[[ID]]']) {
      const a = await app.post({ query: `query($t: ${variable}) { search(text: "x", types: $t) { id } }`, variables: { t: deepJson(3000) } });
      expect(refusal(a)).toEqual({ status: 400, code: 'QUERY_LIMIT', message: 'query refused: variables nested more than 64 deep' });
    }
    const ids = await app.post({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: deepJson(3000) } });
    expect(ids.status).toBe(400);
  });

  it('refuses GET parameters that are not JSON', async () => {
    for (const p of ['variables=%7B', 'extensions=%5B%5B', 'variables=undefined']) {
      const a = await app.request(`/graphql?query=${encodeURIComponent('{ stats { reports } }')}&${p}`, { headers: { accept: 'application/json' } });
      expect(a.status).toBe(400);
      expect(a.json().errors[0].message).toMatch(/^the (variables|extensions) parameter is not JSON$/);
    }
  });

  it('refuses a Host header that is no host, without failing', async () => {
    const a = await app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', host: 'a b/c' }, body: JSON.stringify({ query: '{ stats { reports } }' }) });
    expect(a.status).toBeLessThan(500);
  });
});

describe('cross-site requests', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serve({ writeToken: 'w-token-123', corsOrigins: ['http://lab.example'] });
  });
  afterAll(() => app.close());
  const q = '{ stats { reports } }';

  it('refuses form and multipart posts (a page on any site can send them without asking)', async () => {
    const form = await app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(q)}` });
    expect(form.status).toBe(415);
    const multipart = await app.request('/graphql', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: q })}\r\n--x--\r\n` });
    expect(multipart.status).toBe(415);
    const text = await app.request('/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: q }) });
    expect(text.status).toBe(415);
    expect(text.json().errors[0].message).toBe('POST /graphql needs content-type: application/json');
  });

  it('runs a GET query only for a client asking for JSON, never for <img src> or <script src>', async () => {
    const path = `/graphql?query=${encodeURIComponent(q)}`;
    expect((await app.request(path, { headers: { accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' } })).status).toBe(406);
    expect((await app.request(path, { headers: { accept: '*/*' } })).status).toBe(406);
    const json = await app.request(path, { headers: { accept: 'application/json' } });
    expect(json.json()).toEqual({ data: { stats: { reports: 2 } } });
    const gqlJson = await app.request(path, { headers: { accept: 'application/graphql-response+json' } });
    expect(gqlJson.json()).toEqual({ data: { stats: { reports: 2 } } });
    // A browser navigating to it gets GraphiQL, which runs nothing by itself.
    const page = await app.request(path, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site' } });
    expect(page.text).toMatch(/graphiql/i);
    expect(page.text).not.toContain('"reports":2');
  });

  it('never runs a mutation over GET, token or not', async () => {
    const m = encodeURIComponent('mutation { deleteReport(id: "report:x") }');
    const a = await app.request(`/graphql?query=${m}`, { headers: { accept: 'application/json', authorization: 'Bearer w-token-123' } });
    expect(a.status).toBe(405);
  });

  it('refuses requests from origins that are neither the server nor KG_CORS_ORIGINS', async () => {
    const evil = await app.post({ query: q }, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json().errors[0].message).toMatch(/^cross-origin request refused: http:\/\/evil\.example/);
    expect((await app.post({ query: q }, { origin: 'null' })).status).toBe(403);
    expect((await app.get(q, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await app.post({ query: q }, { origin: app.base })).json()).toEqual({ data: { stats: { reports: 2 } } });
    expect((await app.post({ query: q }, { origin: 'http://lab.example' })).json()).toEqual({ data: { stats: { reports: 2 } } });
    expect((await app.request('/export?format=graphml', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses what the browser says another site sent (Sec-Fetch-Site), even without an Origin', async () => {
    expect((await app.get(q, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status).toBe(403);
    expect((await app.get(q, { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' })).json()).toEqual({ data: { stats: { reports: 2 } } });
  });

  it('still lets the explorer and GraphiQL post JSON from the page itself', async () => {
    const a = await app.post({ query: q, variables: {} }, { origin: app.base, 'sec-fetch-site': 'same-origin', accept: 'application/json' });
    expect(a.json()).toEqual({ data: { stats: { reports: 2 } } });
    const g = await app.post({ query: q }, { origin: app.base, 'sec-fetch-site': 'same-origin', accept: 'application/graphql-response+json, application/json, multipart/mixed' });
    expect(g.json()).toEqual({ data: { stats: { reports: 2 } } });
  });
});
