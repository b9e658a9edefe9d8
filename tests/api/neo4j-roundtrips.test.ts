import type { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { gqlClient } from '../helpers/gql';
import { neo4jSkipReason, seededNeo4jStore } from '../helpers/neo4j';
import { seededMemoryStore } from '../helpers/seedStore';
import { NESTED_QUERY_OURS } from '../bench/queries';

// No N+1: a GraphQL query costs a number of Cypher round trips bounded by its nesting, the same
// for 2 results as for all of them (the GraphQL layer batches getNodes / edgesOf / reportTexts,
// and each batch is one UNWIND statement).
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`Cypher round trips (skipped: ${skip})`, () => undefined);

const NESTED = `query($n: Int) { search(text: "", types: [REFORM], first: $n) {
  id name mentions { quote sentence report { title year agency { name } } }
  ... on Reform {
    measures { name status agency { name place { name } }
      platforms { name mentions { quote } }
      units { name agencies { name } }
      observations { value unit indicator { name family { name } } agency { name } } }
    platforms { name reforms { name } }
    problems { name addressedBy { name } }
  } } }`;

suite('Cypher round trips per GraphQL query on the Neo4j store', () => {
  let store: Neo4jStore;
  let gql: ReturnType<typeof gqlClient>;
  beforeAll(async () => {
    store = await seededNeo4jStore();
    gql = gqlClient(store);
  });
  afterAll(async () => store?.close());

  async function cost(query: string, variables: Record<string, unknown> = {}) {
    const before = store.calls.count;
    const r = await gql(query, variables);
    expect(r.errors).toBeUndefined();
    return { calls: store.calls.count - before, data: r.data };
  }

  it('a six-level nested query costs the same few round trips for 2 reforms as for all of them', async () => {
    const all = (await store.stats()).byType.find((t) => t.type === 'REFORM')!.count;
    const few = await cost(NESTED, { n: 2 });
    const many = await cost(NESTED, { n: all });
    expect(few.data.search).toHaveLength(2);
    expect(many.data.search).toHaveLength(all);
    const measures = many.data.search.reduce((s: number, r: any) => s + r.measures.length, 0);
    expect(measures).toBeGreaterThan(20);
    // The bound comes from the query's shape, not from the result count: an N+1 would cost at
    // least one statement per reform. The typed relations of every level come in one prefetch
    // statement after the search; what is left goes through the batch loaders: the mentions'
    // reports and texts, and the reports' agencies (node and edge batches). How replies
    // interleave on the socket can split a batch, so the two counts need not be equal; both
    // must stay under the shape's bound.
    expect(few.calls).toBeLessThanOrEqual(7);
    expect(many.calls).toBeLessThanOrEqual(7);
    expect(many.calls).toBeLessThan(all);
    process.stdout.write(`[round trips] nested query: ${few.calls} Cypher statements for 2 reforms, ${many.calls} for all ${all} reforms (${measures} measures)\n`);
  });

  it("the bench's nested query is one Cypher statement, with the embedded store's answer", async () => {
    const memory = gqlClient((await seededMemoryStore()).store);
    for (const id of ['reform:最多跑一次', 'reform:繁简分流', 'reform:不存在', 'agency:杭州市公安局']) {
      const { calls, data } = await cost(NESTED_QUERY_OURS, { id });
      expect(calls).toBe(1);
      expect(data).toEqual((await memory(NESTED_QUERY_OURS, { id })).data);
    }
    const { data } = await cost(NESTED_QUERY_OURS, { id: 'reform:最多跑一次' });
    expect(data.node.measures.length).toBeGreaterThan(1);
    expect(data.node.measures.some((m: any) => m.platforms.length && m.agency)).toBe(true);
  });

  it('root fields cost a fixed number of statements', async () => {
    expect((await cost('{ stats { nodes edges byType { type count } } }')).calls).toBe(1);
    expect((await cost('{ search(text: "执法", first: 50) { id name } }')).calls).toBe(1);
    expect((await cost('{ neighborhood(id: "agency:杭州市公安局", depth: 3, limit: 500) { nodes { id } edges { id } } }')).calls).toBeLessThanOrEqual(5);
    // Version check, every reform's context (kept while the graph's version holds), via nodes.
    const related = '{ relatedReforms(id: "reform:繁简分流", first: 10) { score reform { id } via { id } } }';
    expect((await cost(related)).calls).toBeLessThanOrEqual(3);
    expect((await cost(related)).calls).toBe(2);
    expect((await cost('{ reports { title agency { name } } }')).calls).toBe(3);
  });

  it('related reforms of every reform, and the nodes of every report, cost a bounded number of statements', async () => {
    const few = await cost('{ search(text: "", types: [REFORM], first: 2) { ... on Reform { related(first: 3) { score reform { id } via { id } } } } }');
    const many = await cost('{ search(text: "", types: [REFORM], first: 60) { ... on Reform { related(first: 3) { score reform { id } via { id } } } } }');
    expect(many.calls).toBe(few.calls);
    expect(many.calls).toBeLessThanOrEqual(4);
    const reports = await cost('{ reports { nodes(types: [PLATFORM]) { id } } }');
    expect(reports.calls).toBeLessThanOrEqual(2);
  });
});
