import type { GraphStore } from '../../server/store/store';
import { extractSeeds } from '../../server/services/seed';
import { gqlClient } from '../helpers/gql';
import { storeFactories } from '../helpers/stores';

// Research views on the seed graph: policy-area topics, English names, indicator series.
describe.each(storeFactories().map((f) => [f.name, f] as const))('research views on the %s store', (_name, factory) => {
  let store: GraphStore;
  let gql: ReturnType<typeof gqlClient>;
  beforeAll(async () => {
    store = await factory.open();
    gql = gqlClient(store);
  });
  afterAll(async () => store.close());

  it('lists topics with their measures per bureau and year', async () => {
    const r = await gql('{ topics { id name nameEn count counts { agency { name } year measures } } }');
    expect(r.errors).toBeUndefined();
    const cases = r.data.topics.find((t: any) => t.id === 'topic:case-handling');
    expect(cases.nameEn).toBe('Case-handling reform');
    expect(cases.counts).toEqual(expect.arrayContaining([
      expect.objectContaining({ agency: { name: '杭州市公安局' }, year: 2022 }),
      expect.objectContaining({ agency: { name: '绍兴市公安局' }, year: 2020 }),
    ]));
    expect(r.data.topics[0].count).toBeGreaterThanOrEqual(r.data.topics[r.data.topics.length - 1].count);
  });

  it('cites the word that put a node in a topic', async () => {
    const r = await gql('{ node(id: "platform:安心码") { ... on Platform { topics { id } edges(direction: OUT, types: ["IN_TOPIC"]) { target mentions { quote } } } } }');
    expect(r.data.node.topics.map((t: any) => t.id)).toContain('topic:digital');
    const e = r.data.node.edges.find((x: any) => x.target === 'topic:digital');
    expect(e.mentions[0].quote.length).toBeGreaterThan(0);
  });

  it('filters search and neighbourhoods by topic', async () => {
    const r = await gql('{ search(text: "", types: [REFORM], topics: ["topic:services"], first: 100) { id } }');
    const ids = r.data.search.map((n: any) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['reform:最多跑一次', 'reform:一网通办']));
    expect(ids).not.toContain('reform:刑侦体制改革');
    const nb = await gql('{ neighborhood(id: "agency:绍兴市公安局", depth: 1, types: [MEASURE], topics: ["topic:epidemic"], limit: 500) { nodes { id type } } }');
    const measures = nb.data.neighborhood.nodes.filter((n: any) => n.type === 'MEASURE');
    expect(measures.length).toBeGreaterThan(0);
    for (const m of measures) {
      const t = await gql(`{ node(id: "${m.id}") { ... on Measure { topics { id } } } }`);
      expect(t.data.node.topics.map((x: any) => x.id)).toContain('topic:epidemic');
    }
  });

  it('names nodes in English and finds them by English words', async () => {
    const centre = await gql('{ search(text: "case management centre", first: 3) { id nameEn } }');
    expect(centre.data.search[0]).toEqual({ id: 'unit:执法办案管理中心', nameEn: 'Case-handling management centre' });
    const oneStop = await gql('{ search(text: "one-stop", first: 3) { id } }');
    expect(oneStop.data.search[0].id).toBe('reform:最多跑一次');
    const words = await gql('{ search(text: "run at most once", first: 3) { id } }');
    expect(words.data.search[0].id).toBe('reform:最多跑一次');
    const obs = await gql('{ node(id: "indicator:行政案件快办率") { ... on Indicator { observations { nameEn } } } }');
    expect(obs.data.node.observations[0].nameEn).toBe('Hangzhou PSB, 2022: rapid-handling rate of administrative cases 76.7 %');
  });

  it('gives a value as written beside its amount in the base unit, and counts with their family', async () => {
    // Hangzhou: "全年网办量超4600万次"; "开展集体学法18次".
    const r = await gql(`{ volume: node(id: "indicator:网办量") { ... on Indicator { observations { value unit amount baseUnit qualifier kind nameEn } } }
      study: node(id: "indicator:开展集体学法") { ... on Indicator { family { name } observations { value unit amount baseUnit kind } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.volume.observations).toContainEqual(expect.objectContaining({ value: 4600, unit: '万次', amount: 46000000, baseUnit: '次', qualifier: '超', kind: 'quantity' }));
    expect(r.data.volume.observations.find((o: any) => o.value === 4600).nameEn).toContain('46,000,000 times');
    expect(r.data.study).toEqual({ family: { name: '理论学习场次' }, observations: [{ value: 18, unit: '次', amount: 18, baseUnit: '次', kind: 'count' }] });
  });

  it('draws one indicator across bureaus and years, sorted', async () => {
    const r = await gql('{ indicatorSeries(id: "indicator:快办率") { value year agency { name } indicator { name } mentions { quote } } }');
    const series = r.data.indicatorSeries;
    expect(series.map((o: any) => o.year)).toEqual([...series.map((o: any) => o.year)].sort());
    expect(series).toContainEqual(expect.objectContaining({ value: 23.92, year: 2020, agency: { name: '绍兴市公安局' }, indicator: { name: '刑事案件快办率' } }));
    expect(series).toContainEqual(expect.objectContaining({ value: 76.7, year: 2022, agency: { name: '杭州市公安局' } }));
    expect((await gql('{ indicatorSeries(id: "reform:集约办案") { value } }')).data.indicatorSeries).toEqual([]);
  });
});

describe('topics and English names on the seeds', () => {
  const seeds = extractSeeds();
  it('puts every REFORM and MEASURE in at least one topic', () => {
    for (const x of seeds) {
      const inTopic = new Set(x.edges.filter((e) => e.type === 'IN_TOPIC').map((e) => e.source));
      const missing = x.nodes.filter((n) => (n.type === 'REFORM' || n.type === 'MEASURE') && !inTopic.has(n.id)).map((n) => n.name);
      expect(missing).toEqual([]);
    }
  });

  it('gives at least 90 % of concept, agency and place nodes an English name', () => {
    for (const t of ['REFORM', 'PLATFORM', 'UNIT', 'ORGANIZATION', 'INDICATOR', 'PRINCIPLE', 'AGENCY', 'PLACE']) {
      const nodes = seeds.flatMap((x) => x.nodes.filter((n) => n.type === t));
      const named = nodes.filter((n) => typeof n.props.nameEn === 'string' && n.props.nameEn.length > 0);
      expect([t, named.length / nodes.length >= 0.9]).toEqual([t, true]);
    }
  });
});
