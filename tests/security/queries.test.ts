// Issue attacks 1 and 2: queries that cost the server far more than their size. Each must be
// answered within 100 ms (the median of distinct tries, so no cache helps), refused with an error
// naming the limit, and leave the heap where it was.
import type { GraphStore } from '../../server/store/store';
import { seededMemoryStore } from '../helpers/seedStore';
import { Answer, liveHeapMB, medianMs, refusal, serve, Served } from './server';

const FAST_MS = 100;
// The median of 5 distinct tries (a try on a busy 2-core machine can wait its turn; most cannot).
/** node > edges > sourceNode, `levels` times: each level nests once more through the Node interface. */
const nested = (levels: number, id = 'x') => `{ node(id:"${id}") { ${'edges { sourceNode { '.repeat(levels)}id ${Array(2 * levels + 2).fill('}').join(' ')}`;
const tries = (n: number, make: (i: number) => () => Promise<Answer>) => Array.from({ length: n }, (_, i) => make(i));

describe('attack 1: nesting through the Node interface', () => {
  let app: Served;
  let heapBefore: number;
  beforeAll(async () => {
    app = await serve({ writeToken: 'w-token-123' });
    await app.post({ query: '{ stats { nodes } }' }); // first-request set-up is not the attack's
    heapBefore = liveHeapMB();
  });
  afterAll(() => app.close());

  it('refuses the issue\'s 4-level query (about 120 bytes) sent by GET without a token, at once, naming KG_MAX_COST', async () => {
    expect(nested(4)).toBe('{ node(id:"x") { edges { sourceNode { edges { sourceNode { edges { sourceNode { edges { sourceNode { id } } } } } } } } } }');
    const { ms, answers } = await medianMs(tries(5, (i) => () => app.get(nested(4, `x${i}`))));
    expect(ms).toBeLessThanOrEqual(FAST_MS);
    for (const a of answers) expect(refusal(a)).toEqual({ status: 400, code: 'QUERY_LIMIT', message: expect.stringMatching(/^query refused: cost \d+ exceeds the limit of 5000000 \(KG_MAX_COST\)$/) });
  });

  it('answers the 3-level query at once, and the server keeps answering others meanwhile', async () => {
    const { ms, answers } = await medianMs(tries(5, (i) => () => app.get(nested(3, `y${i}`))));
    expect(ms).toBeLessThanOrEqual(FAST_MS);
    for (const a of answers) expect(a.json()).toEqual({ data: { node: null } });
    const [, other] = await Promise.all([app.get(nested(3, 'z')), app.post({ query: '{ stats { reports } }' })]);
    expect(other.json()).toEqual({ data: { stats: { reports: 2 } } });
  });

  it('answers the 2-level query on a real hub, and 150 distinct small queries do not pile up in memory', async () => {
    const hub = await app.post({ query: `{ node(id: "unit:派出所") { edges { sourceNode { edges { sourceNode { id } } } } } }` });
    expect(hub.json().data.node.edges.length).toBeGreaterThan(0);
    const { ms } = await medianMs([
      ...tries(50, (i) => () => app.get(nested(2, `a${i}`))),
      ...tries(100, (i) => () => app.get(nested(1, `b${i}`))),
    ]);
    expect(ms).toBeLessThanOrEqual(FAST_MS);
  });

  it('compiles repeated queries within bounds: 40 distinct ones sent three times each (more than the cache keeps)', async () => {
    const { ms } = await medianMs(tries(40, (i) => async () => {
      await app.get(nested(1, `c${i}`));
      await app.get(nested(1, `c${i}`));
      return app.get(nested(1, `c${i}`)); // the third run is compiled
    }));
    expect(ms).toBeLessThanOrEqual(3 * FAST_MS);
  });

  it('keeps the live heap within 50 MB of where it was before the attacks', () => {
    const grown = liveHeapMB() - heapBefore;
    if (process.env.KG_SECURITY_VERBOSE) console.log(`live heap grew ${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThanOrEqual(50);
  });
});

describe('attack 2: limits that could be walked around, a timeout that never fired', () => {
  let app: Served;
  let heapBefore: number;
  beforeAll(async () => {
    app = await serve({ writeToken: 'w-token-123' });
    await app.post({ query: '{ stats { nodes } }' });
    heapBefore = liveHeapMB();
  });
  afterAll(() => app.close());

  it('costs a fragment bomb of __typename linearly and refuses it', async () => {
    // 27 fragments, each spreading the one before twice: 2^26 fields from 1.1 KB.
    const bomb = (tag: string) => `query Q${tag} { ...F26 } fragment F0 on Query { __typename } ${Array.from({ length: 26 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ')}`;
    expect(bomb('').length).toBeLessThan(1200);
    const { ms, answers } = await medianMs(tries(5, (i) => () => app.post({ query: bomb(String(i)) })));
    expect(ms).toBeLessThanOrEqual(FAST_MS);
    for (const a of answers) {
      expect(refusal(a)).toMatchObject({ status: 400, code: 'QUERY_LIMIT' });
      expect(a.json().errors.map((e: { message: string }) => e.message)).toContain('query refused: more than 2000 fields exceeds the limit of 2000 (KG_MAX_FIELDS)');
    }
  });

  it('counts aliased introspection: 1,000 __schema aliases are refused, and so are 31', async () => {
    const q = (n: number, tag: string) => `{ ${Array.from({ length: n }, (_, i) => `s${tag}${i}: __schema { types { name fields { name } } }`).join(' ')} }`;
    const { ms, answers } = await medianMs(tries(5, (i) => () => app.post({ query: q(1000, String(i)) })));
    expect(ms).toBeLessThanOrEqual(FAST_MS);
    // Refused on its length before it is even parsed whole.
    for (const a of answers) expect(refusal(a)).toEqual({ status: 400, code: 'QUERY_LIMIT', message: 'query refused: more than 5000 tokens (KG_MAX_TOKENS)' });
    expect(refusal(await app.post({ query: q(31, 'x') }))).toEqual({ status: 400, code: 'QUERY_LIMIT', message: 'query refused: 31 aliases exceeds the limit of 30 (KG_MAX_ALIASES)' });
  });

  it('costs list sizes: 30 neighbourhoods of 5,000 nodes with every report text are refused before running', async () => {
    const q = (id: string) => `{ ${Array.from({ length: 30 }, (_, i) => `n${i}: neighborhood(id: "${id}", depth: 3, limit: 5000) { nodes { mentions { report { text } } } }`).join(' ')} }`;
    const { ms, answers } = await medianMs(['unit:派出所', 'reform:集约办案', 'unit:派出所 '].map((id) => () => app.post({ query: q(id) })));
    expect(ms).toBeLessThanOrEqual(FAST_MS);
    for (const a of answers) {
      expect(refusal(a)).toMatchObject({ status: 400, code: 'QUERY_LIMIT', message: expect.stringMatching(/\(KG_MAX_COST\)$/) });
      expect(a.text.length).toBeLessThan(2000);
    }
    // The explorer's own expansion of the same hub still answers.
    const own = await app.post({ query: 'query Hood($id: ID!, $depth: Int, $limit: Int) { neighborhood(id: $id, depth: $depth, limit: $limit) { nodes { id type name nameEn reportIds } edges { id type source target } } }', variables: { id: 'unit:派出所', depth: 2, limit: 300 } });
    expect(own.json().data.neighborhood.nodes.length).toBeGreaterThan(10);
  });

  it('refuses a list size given by a variable as it would the literal', async () => {
    const q = 'query($l: Int) { a: neighborhood(id: "unit:派出所", depth: 3, limit: $l) { nodes { mentions { report { text } } } } }';
    expect(refusal(await app.post({ query: q, variables: { l: 5000 } }))).toMatchObject({ status: 400, code: 'QUERY_LIMIT' });
    expect((await app.post({ query: q, variables: { l: 2 } })).json().errors).toBeUndefined();
    // The same document again with the big value: a cached validation must not let it through.
    expect(refusal(await app.post({ query: q, variables: { l: 5000 } }))).toMatchObject({ status: 400, code: 'QUERY_LIMIT' });
  });

  it('keeps the 3 MB body for ingestReport alone: a query riding on a named mutation gets 1 MB', async () => {
    const pad = 'x'.repeat(2 * 1024 * 1024);
    const sneaky = await app.post({
      query: 'mutation M { ingestReport(input: { text: "x" }) { created } } query Q { stats { nodes } }',
      operationName: 'Q',
      variables: { pad },
    });
    expect(sneaky.status).toBe(413);
    const renamed = await app.post({ query: 'mutation ingestReport { deleteReport(id: "x") }', operationName: 'ingestReport', variables: { pad } });
    expect(renamed.status).toBe(413);
    const real = await app.post({ query: 'mutation($t: String!) { ingestReport(input: { text: $t }) { created } }', variables: { t: pad } });
    expect(real.status).not.toBe(413);
    expect(real.json().errors[0].message).toMatch(/Authorization: Bearer/);
  });

  it('keeps the live heap within 50 MB of where it was before the attacks', () => {
    const grown = liveHeapMB() - heapBefore;
    if (process.env.KG_SECURITY_VERBOSE) console.log(`live heap grew ${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThanOrEqual(50);
  });
});

describe('attack 2: an answer bigger than its estimate', () => {
  it('is stopped once its lists hold more than KG_MAX_COST items', async () => {
    // A hub's mentions: costed at 10 (the estimate for lists without a size), really more.
    const q = '{ node(id: "unit:派出所") { mentions { start } } }';
    const open = await serve();
    const n = (await open.post({ query: q })).json().data.node.mentions.length;
    await open.close();
    expect(n).toBeGreaterThan(15);
    const tight = await serve({ limits: { maxCost: 15 } });
    try {
      const a = await tight.post({ query: q });
      expect(a.json()).toEqual({ errors: [{ message: 'query refused: its answer grew past 15 items (KG_MAX_COST)', extensions: { code: 'QUERY_LIMIT', requestId: expect.any(String) } }] });
    } finally {
      await tight.close();
    }
  });
});

describe('attack 2: the query timeout ends the work, not only the wait', () => {
  let app: Served;
  const calls = { n: 0 };
  beforeAll(async () => {
    const { store } = await seededMemoryStore();
    // Every store call holds the thread for 40 ms, as a big synchronous answer would.
    const slow = new Proxy(store, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof v !== 'function' || ['init', 'health', 'close', 'kind'].includes(String(key))) return v;
        return (...args: unknown[]) => {
          calls.n++;
          const until = performance.now() + 40;
          while (performance.now() < until);
          return v.apply(target, args);
        };
      },
    }) as GraphStore;
    app = await serve({ limits: { queryTimeoutMs: 150 } }, slow);
    await app.post({ query: '{ __typename }' }); // first-request set-up, no store call
  });
  afterAll(() => app.close());

  it('answers QUERY_TIMEOUT near the deadline and makes (almost) no store call after it', async () => {
    const deep = nested(3, 'unit:派出所');
    calls.n = 0;
    const a = await app.post({ query: deep });
    expect(refusal(a)).toMatchObject({ code: 'QUERY_TIMEOUT', message: 'query refused: it ran longer than 150 ms (KG_QUERY_TIMEOUT_MS)' });
    expect(a.json().errors).toHaveLength(1);
    const atAnswer = calls.n;
    await new Promise((r) => setTimeout(r, 500));
    // At most a call already on its way when the answer went (seen once in a few runs under load).
    expect(calls.n).toBeLessThanOrEqual(atAnswer + 1);
    // Far from the hundreds of store calls the whole query makes (23 s before the fix); generous
    // for a machine running other suites at once, where each 40 ms call waits its turn too.
    expect(a.ms).toBeLessThan(5000);
  });
});
