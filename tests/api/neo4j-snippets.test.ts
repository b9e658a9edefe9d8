import type { GraphNode } from '../../server/model/types';
import type { MemoryStore } from '../../server/store/memory/memoryStore';
import type { Neo4jStore } from '../../server/store/neo4j/neo4jStore';
import { gqlClient } from '../helpers/gql';
import { neo4jSkipReason, seededNeo4jStore } from '../helpers/neo4j';
import { seededMemoryStore } from '../helpers/seedStore';

// The node query in one Neo4j statement (server/graphql/prefetch.ts rootExtras): quotes and
// sentences from the snippets kept beside the mentions (no report text read), the node's edges
// with both ends (light or in full), its reports with their bureau. How the snippets are kept
// (writes, removals, texts outside the BMP, graphs written before them): neo4j-snippet-store.test.ts.
const skip = neo4jSkipReason();
const suite = skip ? describe.skip : describe;
if (skip) test.skip(`Neo4j node snippets (skipped: ${skip})`, () => undefined);

const NODE = `query($id: ID!) { node(id: $id) { id type name degree
  mentions { start end quote sentence sentenceStart page endPage report { id title year agency { id name } } }
  edges { id type source target year status sourceNode { id type name nameEn } targetNode { id type name nameEn aliases } }
  ... on Measure { status agency { id name } } ... on Observation { value indicator { id name } agency { id } } } }`;
const FULL_ENDS = `query($id: ID!) { node(id: $id) { id edges(direction: OUT) { id sourceNode { id reportIds } targetNode { id mentions { quote } } } } }`;

suite('the Neo4j store answers the node query in one statement, as the embedded store does', () => {
  let memory: MemoryStore;
  let stores: Neo4jStore[];
  let sample: GraphNode[];
  beforeAll(async () => {
    memory = (await seededMemoryStore()).store;
    stores = [await seededNeo4jStore()];
    const all = await memory.search('', undefined, 100000);
    // Every type, several nodes of each (hubs and leaves).
    sample = [...new Set(all.map((n) => n.type))].flatMap((t) => all.filter((n) => n.type === t).filter((_, i) => i % 7 === 0).slice(0, 6));
  });
  afterAll(async () => {
    for (const s of stores ?? []) await s.close();
    await memory?.close();
  });

  it('gives the same quotes, sentences, reports and edge ends, in one round trip', async () => {
    const expected = gqlClient(memory);
    for (const store of stores) {
      const gql = gqlClient(store);
      for (const n of sample) {
        const want = await expected(NODE, { id: n.id });
        expect(want.errors).toBeUndefined();
        const before = store.calls.count;
        expect({ id: n.id, got: await gql(NODE, { id: n.id }) }).toEqual({ id: n.id, got: want });
        expect({ id: n.id, calls: store.calls.count - before }).toEqual({ id: n.id, calls: 1 });
        expect(await gql(FULL_ENDS, { id: n.id })).toEqual(await expected(FULL_ENDS, { id: n.id }));
      }
    }
  });
});
