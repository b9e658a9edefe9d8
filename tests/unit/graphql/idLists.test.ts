// Compiled queries answer a node's report ids as one value (server/graphql/idLists.ts): the
// answer must be the one graphql-js gives, introspection must still say [ID!]!, and the ids
// must still count towards the query's answer budget (KG_MAX_COST).
import { createYoga } from 'graphql-yoga';
import { budgetPlugin } from '../../../server/graphql/budget';
import { createContext } from '../../../server/graphql/context';
import { jitPlugin } from '../../../server/graphql/jit';
import { buildSchema } from '../../../server/graphql/schema';
import { seededMemoryStore } from '../../helpers/seedStore';

const idle = () => new Promise((r) => setImmediate(r));

/** The server's compilation and answer budget (without the estimate on the query's text, which would refuse first). */
async function setup(maxItems = 1e6) {
  const { store } = await seededMemoryStore();
  const schema = buildSchema();
  const yoga = createYoga({ schema, plugins: [jitPlugin(schema), budgetPlugin(60_000, maxItems)], context: () => createContext(store), logging: false });
  /** The answer's text, as the server sends it. */
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return res.text();
  };
  /** The first answer (graphql-js) and one after the query was compiled. */
  const uncompiledAndCompiled = async (query: string, variables: Record<string, unknown> = {}) => {
    const first = await ask(query, variables);
    await ask(query, variables);
    await ask(query, variables);
    await idle();
    return [first, await ask(query, variables)];
  };
  return { ask, uncompiledAndCompiled };
}

const HOOD = `query H($id: ID!) { neighborhood(id: $id, depth: 2, limit: 50) { nodes { id type reportIds ... on Reform { measures { id reportIds } } } } }`;

test('a compiled neighbourhood gives every node the report ids graphql-js gives, to the byte', async () => {
  const { uncompiledAndCompiled } = await setup();
  const [first, compiled] = await uncompiledAndCompiled(HOOD, { id: 'unit:派出所' });
  const nodes = JSON.parse(first).data.neighborhood.nodes as Array<{ id: string; reportIds: string[] }>;
  // The seeds: 派出所 is stated by both reports, and so are some of its neighbours.
  expect(nodes.find((n) => n.id === 'unit:派出所')!.reportIds).toHaveLength(2);
  expect(nodes.some((n) => n.id !== 'unit:派出所' && n.reportIds.length === 2)).toBe(true);
  expect(compiled).toBe(first);
});

test('introspection of a compiled query still says reportIds is [ID!]!', async () => {
  const { uncompiledAndCompiled } = await setup();
  const q = '{ __type(name: "Reform") { fields { name type { kind ofType { kind ofType { kind ofType { name } } } } } } }';
  const [first, compiled] = await uncompiledAndCompiled(q);
  expect(compiled).toBe(first);
  const field = JSON.parse(compiled).data.__type.fields.find((f: { name: string }) => f.name === 'reportIds');
  expect(field.type).toEqual({ kind: 'NON_NULL', ofType: { kind: 'LIST', ofType: { kind: 'NON_NULL', ofType: { name: 'ID' } } } });
});

test('a node type asked by __typename keeps its name when compiled', async () => {
  const { uncompiledAndCompiled } = await setup();
  const [first, compiled] = await uncompiledAndCompiled('{ node(id: "reform:最多跑一次") { __typename reportIds } }');
  expect(JSON.parse(first).data.node.__typename).toBe('Reform');
  expect(compiled).toBe(first);
});

test('report ids still count towards the answer budget (KG_MAX_COST) when the query is compiled', async () => {
  // Two nodes and their report ids (2 + 2 + 1 = 5 items): past a budget of 4, compiled or not.
  const { ask, uncompiledAndCompiled } = await setup(4);
  const q = '{ nodes(ids: ["unit:派出所", "reform:最多跑一次"]) { id reportIds } }';
  const refusal = { errors: [{ message: 'query refused: its answer grew past 4 items (KG_MAX_COST)', extensions: { code: 'QUERY_LIMIT' } }] };
  const [first, compiled] = await uncompiledAndCompiled(q);
  expect(JSON.parse(first)).toEqual(refusal);
  expect(JSON.parse(compiled)).toEqual(refusal);
  // One node's (1 + 2 items) is within it.
  const [one, oneCompiled] = await uncompiledAndCompiled('{ nodes(ids: ["unit:派出所"]) { id reportIds } }');
  expect(JSON.parse(one).data.nodes[0].reportIds).toHaveLength(2);
  expect(oneCompiled).toBe(one);
});
