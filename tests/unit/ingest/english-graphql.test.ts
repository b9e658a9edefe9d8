import type { GraphStore } from '../../../server/store/store';
import { gqlClient } from '../../helpers/gql';
import { seededMemoryStore } from '../../helpers/seedStore';

// The English names of the seed graph as a GraphQL client reads them: nameEn stays one string,
// nameEnProper lists its proper nouns in pinyin. (The stores keep it as any other property.)
describe('English names over GraphQL', () => {
  let store: GraphStore;
  let gql: ReturnType<typeof gqlClient>;
  beforeAll(async () => {
    store = (await seededMemoryStore()).store;
    gql = gqlClient(store);
  });
  afterAll(async () => store.close());

  it('gives the bureau its English name with the place marked as a proper noun', async () => {
    const r = await gql('{ node(id: "agency:绍兴市公安局") { nameEn nameEnProper } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.node).toEqual({ nameEn: 'Shaoxing Municipal Public Security Bureau', nameEnProper: ['Shaoxing'] });
  });

  it('reads the genre pattern 一社区一民警二辅警 in English, with nothing marked', async () => {
    const r = await gql('{ search(text: "一社区一民警二辅警", first: 1) { name nameEn nameEnProper } }');
    expect(r.data.search[0]).toEqual({ name: '一社区一民警二辅警', nameEn: 'One police officer and two auxiliary police officers per community', nameEnProper: [] });
  });
});
