import fs from 'node:fs';
import path from 'node:path';
import type { GraphStore } from '../../server/store/store';
import { gqlClient } from '../helpers/gql';
import { storeFactories } from '../helpers/stores';

// The README's example queries are what a new user pastes first: each must answer with data.
const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
// Read queries only: the mutation examples need a token and a report of the user's own.
const queries = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((q) => q.trim().startsWith('{'));

describe.each(storeFactories().map((f) => [f.name, f] as const))('README example queries on the %s store', (_name, factory) => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => store.close());

  it('has the five examples', () => expect(queries.length).toBeGreaterThanOrEqual(5));

  it.each(queries.map((q, i) => [i + 1, q] as const))('example %i answers without errors and with data', async (_i, q) => {
    const r = await gqlClient(store)(q);
    expect(r.errors).toBeUndefined();
    const json = JSON.stringify(r.data);
    expect(json).not.toMatch(/^\{"\w+":null\}$/);
    expect(json).toMatch(/"mentions":\[\{|"quote"|"score"|"counts":\[\{/);
  });
});
